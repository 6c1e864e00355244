"""Converters that turn datasets into stance training records (see `stance.data.records`)."""
