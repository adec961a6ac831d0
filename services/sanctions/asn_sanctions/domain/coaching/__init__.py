"""After the coaching window (PP 30/2019 Pasal 57-58): re-evaluation, uji kompetensi kembali,
a matching or lower post, a temporary placement of at most a year, the dismissal recommendation.

- `chain`: the articles as pure Python (which track, improved or not, what a re-test leads to).
- `rotation`: a rotation recommendation as a value, and its id derived from its cause.

The use cases that walk a case along the chain are in `usecases/coaching/`.
"""
