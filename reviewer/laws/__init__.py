"""The law base: what the program knows about higher law, in one place both the archive and the
audit depend on (neither depends on the other through it).

* ``reviewer.citations.Law`` — the one shape of a law;
* ``base`` — ``LawBase``: the built-in data, plus an archive's ``laws`` table when one is open
  (its status changes win), plus imported catalogues; what a review asks (``ctx.laws``);
* ``store`` — the archive's ``laws``/``law_names``/``law_events``/``law_sources`` tables;
* ``catalog_csv`` — reading an imported catalogue file; ``changes`` — 立改废 recorded by hand;
* ``citation_index`` — every stored version's citations, resolved to laws and documents.

Functions here that write run inside the caller's transaction and never write the change log:
the archive's facade (``reviewer.archive.lawbook``) owns transactions and the log.
"""
