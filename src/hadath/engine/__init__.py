"""Scale-out: the single-machine extraction (``extract_document``) on Apache Spark.

``inputs`` plans splits and reads them (JSONL/.gz, Parquet, WARC, text, HTML),
``worker`` runs the extraction on one split, ``outputs`` writes Parquet by day,
``spark`` is the job (``hadath extract --engine spark``, or spark-submit).
"""
