import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pressdesk.core.management.units import unit_for_command
from pressdesk.core.models import Unit
from pressdesk.directory import exporting, importing, tabular
from pressdesk.directory.import_rows import Preview
from pressdesk.directory.models import ConsentBasis, Outlet


class Command(BaseCommand):
    help = (
        "Import journalists from a CSV, Excel (.xlsx) or vCard file, or export journalists or outlets. "
        "Runs as the system; an import writes every row or, on any error, nothing."
    )

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="import|export")
        add = actions.add_parser("import", help="import journalists from FILE; nothing is written if any row is wrong")
        add.add_argument("what", choices=["journalists"])
        add.add_argument("file", help="a .csv, .xlsx or .vcf file; the first row of a table names the columns")
        add.add_argument("--unit", metavar="CODE", help="the unit that keeps them (needed with several top units)")
        add.add_argument("--dry-run", action="store_true", help="check the file and report; write nothing")
        add.add_argument(
            "--basis",
            choices=[c for c in ConsentBasis.values if c != ConsentBasis.PORTAL],
            default=ConsentBasis.CONSENT,
            help="the legal basis for keeping their personal data (default: consent)",
        )
        out = actions.add_parser("export", help="export journalists or outlets")
        out.add_argument("what", choices=["journalists", "outlets"])
        out.add_argument("--format", choices=["csv", "xlsx", "vcf"], default="csv")
        out.add_argument("--unit", metavar="CODE", help="only what this unit sees (needed with several top units)")
        out.add_argument("--output", metavar="FILE", help="where to write (default: standard output; XLSX needs it)")

    def handle(self, *args, action: str, what: str, unit: str | None, **options) -> None:
        keeper = unit_for_command(unit)
        if action == "import":
            self._import(Path(options["file"]), keeper, dry_run=options["dry_run"], basis=options["basis"])
        else:
            self._export(what, keeper, options["format"], options["output"])

    def _import(self, path: Path, unit: Unit, *, dry_run: bool, basis: str) -> None:
        try:
            file = path.open("rb")
        except OSError as error:
            raise CommandError(f"{path} cannot be read: {error.strerror}.") from None
        with file:
            if (problem := importing.size_problem(path.stat().st_size)) is not None:
                raise CommandError(problem)
            if dry_run:
                preview = importing.import_check(file=file, name=path.name, unit=unit, actor=None)
                self._report(preview)
                if not preview.ok:
                    raise CommandError(
                        f"{preview.error_rows} row(s) with errors; nothing would be imported."
                        if preview.error_rows
                        else "The file has errors; nothing would be imported."
                    )
                self.stdout.write(
                    f"Dry run: {preview.to_import} journalists would be imported into {unit.code}; nothing was written."
                )
                return
            try:
                outcome = importing.import_commit(file=file, name=path.name, unit=unit, actor=None, consent_basis=basis)
            except importing.ImportRefused as refused:
                self._report(refused.preview)
                raise CommandError(str(refused)) from None
        self._report(outcome.preview)
        self.stdout.write(f"Imported {outcome.imported} journalists into {unit.code}.")

    def _report(self, preview: Preview) -> None:
        for note in preview.notes:
            self.stdout.write(note)
        for finding in preview.duplicates:
            fate = "skipped" if finding["skipped"] else "imported"
            self.stdout.write(
                f"Row {finding['row']}: {finding['name']} looks like {finding['other']} ({finding['reason']}): {fate}."
            )
        for error in preview.errors:
            where = f"Row {error['row']}" if error["row"] else "File"
            self.stderr.write(f"{where}: {error['message']}")
        hidden = preview.error_rows - len({e["row"] for e in preview.errors if e["row"]})
        if hidden > 0:
            self.stderr.write(f"… and errors in {hidden} more rows.")

    def _export(self, what: str, unit: Unit, format: str, output: str | None) -> None:
        if format == tabular.XLSX and not output:
            raise CommandError("An XLSX export needs --output FILE.")
        if what == "outlets":
            if format == tabular.VCF:
                raise CommandError("Outlets are exported as csv or xlsx.")
            records = exporting.outlets(Outlet.objects.filter(exporting.unit_line(unit)))
            header, rows = exporting.outlet_header(), exporting.outlet_rows(records)
        else:
            records = exporting.journalists(user=None, criteria={}, unit=unit)
            header, rows = exporting.journalist_header(), exporting.journalist_rows(records)
        exporting.export_record(actor=None, unit=unit, what=what, fmt=format, criteria={}, rows=records.count())
        if format == tabular.XLSX:
            with tabular.xlsx_file(header, rows, what) as data, open(output, "wb") as target:
                shutil.copyfileobj(data, target)
            return
        if format == tabular.VCF:
            chunks = tabular.vcard_chunks(exporting.journalist_cards(records))
        else:
            chunks = tabular.csv_chunks(header, rows)
        if output:
            with open(output, "wb") as target:
                for chunk in chunks:
                    target.write(chunk)
        else:
            for chunk in chunks:
                self.stdout.write(chunk.decode("utf-8"), ending="")
