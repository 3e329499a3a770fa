"""article-compare's core: loading, cleaning and comparing article versions (no Qt)."""
