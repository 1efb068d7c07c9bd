"""The plan document turned into data: parsers and extractors that build the dbt seeds."""
