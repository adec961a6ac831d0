"""The outside world: the broker side of the writer (`writer`), its HTTP health and metrics
(`http`, `metrics`, `runtime`), export and resume files (`export`, `resume`) and the `rich`
table and progress bar (`display`)."""
