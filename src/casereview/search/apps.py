from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "casereview.search"
    verbose_name = "Search"

    def ready(self) -> None:
        from casereview.core.signals import record_written, records_replaced
        from casereview.search.indexing import on_record_written, on_records_replaced

        record_written.connect(on_record_written, dispatch_uid="search-entry")
        records_replaced.connect(on_records_replaced, dispatch_uid="search-partnership")
