"""Reading gold attributions (PolNeAR brat standoff, JSON answer keys) and scoring predictions."""
