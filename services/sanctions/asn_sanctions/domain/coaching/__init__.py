"""After the coaching window (PP 30/2019 Pasal 57-58): re-evaluation, uji kompetensi kembali,
a matching or lower post, a temporary placement of at most a year, the dismissal recommendation.

- `chain`: the articles as pure Python (which track, improved or not, what a re-test leads to).
- `window`: the window's end (a durable timer) and the rating that judges it; supersession.
- `retest`: the officials' steps over HTTP (`api`) and the placement year's end.
"""
