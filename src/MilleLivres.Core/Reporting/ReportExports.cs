using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Export;
using MilleLivres.Core.Receipt;
using Microsoft.EntityFrameworkCore;
using SpreadCheetah;

namespace MilleLivres.Core.Reporting;

/// <summary>What a reporting export holds (issue 16, ADR 0841).</summary>
public enum ExportKind
{
    Towns = 0,
    Shipments = 1,
    Receipts = 2,
    Differences = 3,
    Distributions = 4,
    Testimonials = 5,
}

public enum ExportFormat
{
    Csv = 0,
    Xlsx = 1,
}

/// <summary>
/// One wave (or the whole programme when <see cref="WaveId"/> is null), rows whose business date falls between
/// <see cref="From"/> and <see cref="To"/> (both included, either open).
/// </summary>
public sealed record ExportFilter(int? WaveId, DateOnly? From, DateOnly? To)
{
    public bool Includes(DateOnly? date) =>
        (From is null && To is null) || (date is { } d && (From is null || d >= From) && (To is null || d <= To));
}

/// <summary>The filter asks for a period that ends before it starts, or a wave that does not exist.</summary>
public sealed class InvalidExportFilterException(string message, string field) : DomainException(message, field);

/// <summary>
/// The staff's reporting exports: towns with their figures, shipments, receipts (one row per carton), receipt
/// differences, distributions, testimonials (consent and moderation flagged), as CSV (<see cref="CsvExport"/>:
/// formula-safe, `;`, BOM) or XLSX (SpreadCheetah: text cells are never evaluated). Each kind's date filter applies to
/// its own business date (ADR 0841). No personal data of anyone: no contact, no name of who recorded what.
/// </summary>
public sealed class ReportExports(AppDbContext db, ReceivedBooks receivedBooks, TimeProvider clock)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Title(ExportKind kind) => kind switch
    {
        ExportKind.Towns => "Villes",
        ExportKind.Shipments => "Expéditions",
        ExportKind.Receipts => "Réceptions",
        ExportKind.Differences => "Écarts de réception",
        ExportKind.Distributions => "Distributions",
        ExportKind.Testimonials => "Témoignages",
        _ => kind.ToString(),
    };

    /// <summary>What the date filter applies to, shown next to the choice.</summary>
    public static string DateMeaning(ExportKind kind) => kind switch
    {
        ExportKind.Towns => "date d'expédition de la ville",
        ExportKind.Shipments => "date d'expédition",
        ExportKind.Receipts => "date de réception du carton",
        ExportKind.Differences => "date du signalement",
        ExportKind.Distributions => "date de la distribution",
        ExportKind.Testimonials => "date de dépôt",
        _ => string.Empty,
    };

    public static string FileSlug(ExportKind kind) => kind switch
    {
        ExportKind.Towns => "villes",
        ExportKind.Shipments => "expeditions",
        ExportKind.Receipts => "receptions",
        ExportKind.Differences => "ecarts",
        ExportKind.Distributions => "distributions",
        ExportKind.Testimonials => "temoignages",
        _ => "export",
    };

    public static readonly IReadOnlyDictionary<ExportKind, string[]> Columns = new Dictionary<ExportKind, string[]>
    {
        [ExportKind.Towns] = ["Vague", "Ville", "Code INSEE", "Département", "Région", "Cité éducative", "Membre Ville & Banlieue",
            "Expédiée le", "Livres dotés", "Expédiés", "Reçus", "Distribués", "Enfants touchés"],
        [ExportKind.Shipments] = ["Vague", "Ville", "Expédiée le", "Livraison prévue", "Transporteur", "Numéro de suivi", "Cartons", "Livres",
            "Réception complète le"],
        [ExportKind.Receipts] = ["Vague", "Ville", "Carton", "Code", "Remplacement", "État", "Reçu le", "Livres", "Exemplaires en écart"],
        [ExportKind.Differences] = ["Vague", "Ville", "Carton", "ISBN", "Titre", "Tranche d'âge", "Exemplaires", "Motif", "Commentaire",
            "Signalé le", "Suite donnée", "Traité le"],
        [ExportKind.Distributions] = ["Vague", "Ville", "Date", "Type de lieu", "Lieu", "Tranche d'âge", "Enfants touchés", "Livres distribués",
            "Commentaire"],
        [ExportKind.Testimonials] = ["Vague", "Ville", "Déposé le", "De la part de", "Témoignage", "Accord de citation", "Modération",
            "Citable publiquement"],
    };

    public string FileName(ExportKind kind, ExportFormat format, int? waveNumber)
    {
        var scope = waveNumber is { } n ? $"vague-{n}" : "programme";
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return $"{FileSlug(kind)}-{scope}-{today:yyyy-MM-dd}.{(format == ExportFormat.Csv ? "csv" : "xlsx")}";
    }

    /// <summary>Refuses a period that ends before it starts and an unknown wave; returns the wave's number.</summary>
    public async Task<int?> ValidateAsync(ExportFilter filter, CancellationToken ct = default)
    {
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            throw new InvalidExportFilterException("La date de fin précède la date de début.", "To");
        }
        if (filter.WaveId is not { } waveId)
        {
            return null;
        }
        return await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => (int?)w.Number).SingleOrDefaultAsync(ct)
            ?? throw new InvalidExportFilterException("Cette vague n'existe pas.", "WaveId");
    }

    public async Task WriteAsync(ExportKind kind, ExportFormat format, ExportFilter filter, Stream output, CancellationToken ct = default)
    {
        await ValidateAsync(filter, ct);
        var rows = await RowsAsync(kind, filter, ct);
        if (format == ExportFormat.Csv)
        {
            await using var csv = new CsvExport(output);
            await csv.WriteRowAsync(Columns[kind]);
            foreach (var row in rows)
            {
                await csv.WriteRowAsync(row);
            }
            return;
        }
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(output, cancellationToken: ct);
        await spreadsheet.StartWorksheetAsync(Title(kind), new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 }, ct);
        var bold = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Font = { Bold = true } });
        var date = spreadsheet.AddStyle(new SpreadCheetah.Styling.Style { Format = SpreadCheetah.Styling.NumberFormat.Custom("dd/mm/yyyy") });
        await spreadsheet.AddRowAsync(Columns[kind].Select(c => new Cell(c, bold)).ToArray(), ct);
        foreach (var row in rows)
        {
            await spreadsheet.AddRowAsync(row.Select(cell => XlsxCell(cell, date)).ToArray(), ct);
        }
        await spreadsheet.FinishAsync(ct);
    }

    /// <summary>Text stays text (never a formula in XLSX), counts are numbers, dates are dates.</summary>
    private static Cell XlsxCell(object? value, SpreadCheetah.Styling.StyleId dateStyle) => value switch
    {
        null => new Cell(string.Empty),
        string s => new Cell(TextInput.Clean(s)),
        int i => new Cell(i),
        long l => new Cell(l),
        DateOnly d => new Cell(d.ToDateTime(TimeOnly.MinValue), dateStyle),
        _ => new Cell(TextInput.Clean(value.ToString() ?? string.Empty)),
    };

    private static string YesNo(bool value) => value ? "oui" : "non";

    /// <summary>The rows of one export, each a list of typed cells (string, int, long, DateOnly, null).</summary>
    public async Task<IReadOnlyList<object?[]>> RowsAsync(ExportKind kind, ExportFilter filter, CancellationToken ct = default) => kind switch
    {
        ExportKind.Towns => await TownsAsync(filter, ct),
        ExportKind.Shipments => await ShipmentsAsync(filter, ct),
        ExportKind.Receipts => await ReceiptsAsync(filter, ct),
        ExportKind.Differences => await DifferencesAsync(filter, ct),
        ExportKind.Distributions => await DistributionsAsync(filter, ct),
        ExportKind.Testimonials => await TestimonialsAsync(filter, ct),
        _ => throw new InvalidExportFilterException("Choisissez un export dans la liste.", "Kind"),
    };

    private static readonly StringComparer French = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);

    private async Task<IReadOnlyList<object?[]>> TownsAsync(ExportFilter filter, CancellationToken ct)
    {
        var towns = await db.WaveTowns.AsNoTracking()
            .Where(wt => filter.WaveId == null || wt.WaveId == filter.WaveId)
            .Select(wt => new
            {
                wt.WaveId, WaveNumber = wt.Wave.Number, wt.TownId, wt.Town.Name, wt.Town.InseeCode, wt.Town.Departement, wt.Town.Region,
                wt.Town.CiteEducativeName, wt.Town.IsVilleBanlieueMember,
                DispatchedOn = db.Shipments.Where(s => s.WaveId == wt.WaveId && s.TownId == wt.TownId).Min(s => (DateOnly?)s.DispatchedOn),
            })
            .ToListAsync(ct);
        var figures = await TownFigures.ComputeAsync(db, receivedBooks, filter.WaveId, ct);
        return towns
            .Where(t => filter.Includes(t.DispatchedOn))
            .OrderBy(t => t.WaveNumber).ThenBy(t => t.Name, French)
            .Select(t =>
            {
                var f = figures.GetValueOrDefault((t.WaveId, t.TownId)) ?? TownFigures.Totals.Empty;
                return new object?[]
                {
                    t.WaveNumber, t.Name, t.InseeCode, t.Departement, t.Region, t.CiteEducativeName, YesNo(t.IsVilleBanlieueMember),
                    t.DispatchedOn, f.Allocated, f.Shipped, f.Received, f.HandedOut, f.Children,
                };
            })
            .ToList();
    }

    private async Task<IReadOnlyList<object?[]>> ShipmentsAsync(ExportFilter filter, CancellationToken ct)
    {
        var shipments = await db.Shipments.AsNoTracking()
            .Where(s => filter.WaveId == null || s.WaveId == filter.WaveId)
            .Select(s => new
            {
                WaveNumber = db.Waves.Where(w => w.Id == s.WaveId).Select(w => w.Number).First(),
                Town = db.Towns.Where(t => t.Id == s.TownId).Select(t => t.Name).First(),
                s.DispatchedOn, s.ExpectedOn, s.Carrier, s.TrackingNumber, s.ReceivedOn,
                Cartons = db.Cartons.Count(c => c.WaveId == s.WaveId && c.TownId == s.TownId && c.DispatchedOn == null),
                Books = db.Cartons.Where(c => c.WaveId == s.WaveId && c.TownId == s.TownId && c.DispatchedOn == null)
                    .SelectMany(c => c.Lines).Sum(l => (long?)l.Quantity) ?? 0,
            })
            .ToListAsync(ct);
        return shipments
            .Where(s => filter.Includes(s.DispatchedOn))
            .OrderBy(s => s.WaveNumber).ThenBy(s => s.Town, French)
            .Select(s => new object?[] { s.WaveNumber, s.Town, s.DispatchedOn, s.ExpectedOn, s.Carrier, s.TrackingNumber, s.Cartons, s.Books, s.ReceivedOn })
            .ToList();
    }

    private async Task<IReadOnlyList<object?[]>> ReceiptsAsync(ExportFilter filter, CancellationToken ct)
    {
        // Cartons that left: their town's delivery has a shipment, or they are replacement cartons.
        var cartons = await db.Cartons.AsNoTracking()
            .Where(c => (filter.WaveId == null || c.WaveId == filter.WaveId)
                && (c.DispatchedOn != null || db.Shipments.Any(s => s.WaveId == c.WaveId && s.TownId == c.TownId)))
            .Select(c => new
            {
                WaveNumber = db.Waves.Where(w => w.Id == c.WaveId).Select(w => w.Number).First(),
                Town = db.Towns.Where(t => t.Id == c.TownId).Select(t => t.Name).First(),
                c.Number, c.Count, c.Code, Replacement = c.DispatchedOn != null, c.ReceiptState, c.ReceivedOn,
                Books = c.Lines.Sum(l => (long)l.Quantity),
                Reported = c.Differences.Sum(d => (long)d.Quantity),
            })
            .ToListAsync(ct);
        return cartons
            .Where(c => filter.Includes(c.ReceivedOn))
            .OrderBy(c => c.WaveNumber).ThenBy(c => c.Town, French).ThenBy(c => c.Number)
            .Select(c => new object?[]
            {
                c.WaveNumber, c.Town, $"{c.Number} / {c.Count}", Packing.CartonCode.Display(c.Code), YesNo(c.Replacement),
                ReceiptText.Of(c.ReceiptState), c.ReceivedOn, c.Books, c.Reported,
            })
            .ToList();
    }

    private async Task<IReadOnlyList<object?[]>> DifferencesAsync(ExportFilter filter, CancellationToken ct)
    {
        var differences = await (from d in db.ReceiptDifferences.AsNoTracking()
                                 join c in db.Cartons on d.CartonId equals c.Id
                                 where filter.WaveId == null || c.WaveId == filter.WaveId
                                 select new
                                 {
                                     WaveNumber = db.Waves.Where(w => w.Id == c.WaveId).Select(w => w.Number).First(),
                                     Town = db.Towns.Where(t => t.Id == c.TownId).Select(t => t.Name).First(),
                                     c.Number, c.Count,
                                     Title = db.Titles.Where(t => t.Id == d.TitleId).Select(t => new { t.Isbn, t.Name }).First(),
                                     Band = db.AgeBands.Where(b => b.Id == d.AgeBandId).Select(b => new { b.MinAge, b.MaxAge }).First(),
                                     d.Quantity, d.Reason, d.Comment, d.ReportedAtUtc, d.Resolution, d.ResolvedAtUtc,
                                 })
            .ToListAsync(ct);
        return differences
            .Select(d => new { d, ReportedOn = DateOnly.FromDateTime(d.ReportedAtUtc) })
            .Where(x => filter.Includes(x.ReportedOn))
            .OrderBy(x => x.d.WaveNumber).ThenBy(x => x.d.Town, French).ThenBy(x => x.d.Number).ThenBy(x => x.d.Title.Isbn, StringComparer.Ordinal)
            .Select(x => new object?[]
            {
                x.d.WaveNumber, x.d.Town, $"{x.d.Number} / {x.d.Count}", x.d.Title.Isbn, x.d.Title.Name, AgeBand.AgesOf(x.d.Band.MinAge, x.d.Band.MaxAge),
                x.d.Quantity, ReceiptText.Of(x.d.Reason), x.d.Comment, x.ReportedOn, ReceiptText.Of(x.d.Resolution),
                x.d.ResolvedAtUtc is { } resolved ? DateOnly.FromDateTime(resolved) : null,
            })
            .ToList();
    }

    private async Task<IReadOnlyList<object?[]>> DistributionsAsync(ExportFilter filter, CancellationToken ct)
    {
        var first = filter.From;
        var last = filter.To;
        var rows = await (from r in db.DistributionRows.AsNoTracking()
                          join p in db.DistributionReports on r.ReportId equals p.Id
                          where (filter.WaveId == null || p.WaveId == filter.WaveId)
                              && (first == null || r.Date >= first) && (last == null || r.Date <= last)
                          select new
                          {
                              WaveNumber = db.Waves.Where(w => w.Id == p.WaveId).Select(w => w.Number).First(),
                              Town = db.Towns.Where(t => t.Id == p.TownId).Select(t => t.Name).First(),
                              r.Id, r.Date, r.PlaceKind, r.PlaceName,
                              Band = db.AgeBands.Where(b => b.Id == r.AgeBandId).Select(b => new { b.MinAge, b.MaxAge }).First(),
                              r.ChildrenReached, r.BooksHandedOut, r.Comment,
                          })
            .ToListAsync(ct);
        return rows
            .OrderBy(r => r.WaveNumber).ThenBy(r => r.Town, French).ThenBy(r => r.Date).ThenBy(r => r.Id)
            .Select(r => new object?[]
            {
                r.WaveNumber, r.Town, r.Date, DistributionText.Of(r.PlaceKind), r.PlaceName, AgeBand.AgesOf(r.Band.MinAge, r.Band.MaxAge),
                r.ChildrenReached, r.BooksHandedOut, r.Comment,
            })
            .ToList();
    }

    private async Task<IReadOnlyList<object?[]>> TestimonialsAsync(ExportFilter filter, CancellationToken ct)
    {
        var testimonials = await (from t in db.Testimonials.AsNoTracking()
                                  join p in db.DistributionReports on t.ReportId equals p.Id
                                  where filter.WaveId == null || p.WaveId == filter.WaveId
                                  select new
                                  {
                                      WaveNumber = db.Waves.Where(w => w.Id == p.WaveId).Select(w => w.Number).First(),
                                      Town = db.Towns.Where(x => x.Id == p.TownId).Select(x => x.Name).First(),
                                      t.Id, t.SubmittedAtUtc, t.Source, t.Text, t.ConsentToQuote, t.Moderation,
                                  })
            .ToListAsync(ct);
        return testimonials
            .Select(t => new { t, On = DateOnly.FromDateTime(t.SubmittedAtUtc) })
            .Where(x => filter.Includes(x.On))
            .OrderBy(x => x.t.WaveNumber).ThenBy(x => x.t.Town, French).ThenBy(x => x.t.SubmittedAtUtc).ThenBy(x => x.t.Id)
            .Select(x => new object?[]
            {
                x.t.WaveNumber, x.t.Town, x.On, DistributionText.Of(x.t.Source), x.t.Text, YesNo(x.t.ConsentToQuote),
                DistributionText.Of(x.t.Moderation), YesNo(x.t.ConsentToQuote && x.t.Moderation == ModerationState.Approved),
            })
            .ToList();
    }
}
