"""Studies that run longer than one evaluation: recordings (a slot varied over frames)."""

from explorer.studies.recording import Recording, Vary, iter_record, parse_vary, record

__all__ = ["Recording", "Vary", "iter_record", "parse_vary", "record"]
