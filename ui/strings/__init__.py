"""UI strings of one feature per module: ``NL`` and ``EN`` dicts, merged by ``ui.i18n``."""
