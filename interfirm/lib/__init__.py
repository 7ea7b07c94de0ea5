"""Small shared helpers with no models."""
