"""The error every stage raises for bad input; the CLI turns it into exit code 2."""


class FtzlawError(Exception):
    """Input that ftzlaw cannot use (unreadable, not a regulation, hostile XML …).

    ``line`` is the 1-based source line where known, so messages can be located.
    ``code`` names the kind of refusal where a caller needs it (``ftzlaw validate`` reports
    it as the rule id: ``XML-ENTITY``, ``INPUT-SIZE`` …); ``details`` holds named values
    of the message (``doctype`` for ``XML-DTD``) for callers that word it themselves.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 code: str | None = None, details: dict | None = None):
        self.message = message
        self.source = source
        self.line = line
        self.code = code
        self.details = dict(details or {})
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.source:
            where = self.source + (f":{self.line}" if self.line else "") + ": "
        elif self.line:
            where = f"line {self.line}: "
        return where + self.message
