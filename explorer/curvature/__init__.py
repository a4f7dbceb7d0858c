"""Curvature of a model's loss: the Hessian as an operator (Hessian-vector products), its top
eigenpairs (Lanczos), trace (Hutchinson), spectral density (stochastic Lanczos quadrature) and
sharpness, for `main.py hessian` and curvature landscapes."""
