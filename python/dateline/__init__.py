"""Python client for Dateline's HTTP API (`dateline-query serve`; the contract is docs/api.md).

    >>> import dateline
    >>> c = dateline.Client("http://127.0.0.1:8080")
    >>> c.timeline("Lee Jae-myung", "Xi Jinping", by="month").head()
"""

from .client import Client, DatelineError, period_start

__all__ = ["Client", "DatelineError", "period_start"]
__version__ = "0.1.0"
