using System.Text.Json;
using MilleLivres.Core.Data;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Pdf;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Reporting;

/// <summary>A report of this wave is still being produced: a second one waits for it.</summary>
public sealed class WaveReportInProgressException(string message) : DomainException(message);

/// <summary>The introduction typed by staff is too long, or the wave does not exist.</summary>
public sealed class InvalidWaveReportException(string message, string? field = null) : DomainException(message, field);

/// <summary>
/// « Rapport de la vague N » for the ministry (issue 16, ADR 0842): each production is a new version, asked for as a
/// work row (kind <see cref="WaveReportWork.WorkKind"/>, key per wave and version, the staff's introduction and the
/// moment of the request in its payload) and stored as its own document (owner key per wave and version), so the
/// figures sent on a date stay available as they were. Versions are numbered per wave from 1.
/// </summary>
public sealed class WaveReports(AppDbContext db, WorkQueue queue, TimeProvider clock)
{
    public const int IntroductionMaxLength = 2000;

    /// <summary>One version: its work row's state, and its document once produced.</summary>
    public sealed record Version(int Number, DateTime RequestedAtUtc, WorkStatus Status, string? Error, long WorkItemId, long? DocumentId, long? Length, string? Sha256);

    public sealed record Payload(int WaveId, int Version, DateTime RequestedAtUtc, string? Introduction);

    /// <summary>
    /// Asks for the next version of the wave's report. Refused while a version is pending or running (a double click
    /// from another tab, or impatience); two posts racing for the same version number meet the work key's unique index,
    /// and the second is refused the same way. Returns the version number asked for.
    /// </summary>
    public async Task<int> RequestAsync(int waveId, string? introduction, CancellationToken ct = default)
    {
        var intro = string.IsNullOrWhiteSpace(introduction) ? null : introduction.Trim();
        if (intro?.Length > IntroductionMaxLength)
        {
            throw new InvalidWaveReportException($"L'introduction ne peut dépasser {IntroductionMaxLength} caractères.", "Introduction");
        }
        if (!await db.Waves.AnyAsync(w => w.Id == waveId, ct))
        {
            throw new InvalidWaveReportException("Cette vague n'existe pas.");
        }
        var versions = await VersionsAsync(waveId, ct);
        if (versions.FirstOrDefault(v => v.Status is WorkStatus.Pending or WorkStatus.Running) is { } busy)
        {
            throw InProgress(busy.Number);
        }
        var number = versions.Count == 0 ? 1 : versions.Max(v => v.Number) + 1;
        var payload = new Payload(waveId, number, clock.GetUtcNow().UtcDateTime, intro);
        var item = await queue.RequestAsync(db, WaveReportWork.WorkKind, WaveReportWork.Key(waveId, number), WaveReportWork.Group(waveId), payload, ct);
        if (!await db.SaveUnlessOvertakenAsync(uniqueKeyTakenToo: true, ct))
        {
            throw InProgress(number);
        }
        queue.Enqueue([item]);
        return number;
    }

    private static WaveReportInProgressException InProgress(int number) =>
        new($"La version {number} du rapport de cette vague est déjà en cours de production : attendez qu'elle soit prête avant d'en demander une autre.");

    /// <summary>Every version of the wave's report, the newest first.</summary>
    public async Task<IReadOnlyList<Version>> VersionsAsync(int waveId, CancellationToken ct = default)
    {
        var group = WaveReportWork.Group(waveId);
        var rows = await db.WorkItems.AsNoTracking().Where(w => w.Group == group)
            .Select(w => new { w.Id, w.Payload, w.Status, w.LastError }).ToListAsync(ct);
        var documents = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == WaveReportWork.DocumentKind && d.WaveId == waveId)
            .Select(d => new { d.Id, d.OwnerKey, d.Length, d.Sha256 }).ToDictionaryAsync(d => d.OwnerKey, ct);
        return rows
            .Select(r =>
            {
                var p = JsonSerializer.Deserialize<Payload>(r.Payload)!;
                var document = documents.GetValueOrDefault(WaveReportWork.OwnerKey(waveId, p.Version));
                return new Version(p.Version, p.RequestedAtUtc, r.Status, r.LastError, r.Id, document?.Id, document?.Length, document?.Sha256);
            })
            .OrderByDescending(v => v.Number)
            .ToList();
    }
}

/// <summary>What the wave report shows: everything is read when the job runs and frozen in the PDF.</summary>
public sealed record WaveReportModel(
    int WaveNumber, string WaveName, int Version, DateTime RequestedAtUtc, string? Introduction,
    int Towns, IReadOnlyList<WaveReportModel.Band> Bands, IReadOnlyList<WaveReportModel.TownLine> TownLines,
    IReadOnlyList<WaveReportModel.DepartementLine> Departements, IReadOnlyList<WaveReportModel.Quote> Testimonials)
{
    /// <summary>The map of France with the wave's départements served (<see cref="FranceMapPicture"/>); none in layout tests.</summary>
    public FranceMapPicture.Picture? Map { get; init; }

    public sealed record Band(string Label, long Allocated, long Shipped, long Received, long HandedOut, long Children);

    public sealed record TownLine(string Name, string Departement, long Allocated, long Shipped, long Received, long HandedOut, long Children);

    public sealed record DepartementLine(string Departement, string Region, int Towns, long Received, long HandedOut, long Children);

    public sealed record Quote(string Town, string Source, string Text);

    public long Allocated => Bands.Sum(b => b.Allocated);
    public long Shipped => Bands.Sum(b => b.Shipped);
    public long Received => Bands.Sum(b => b.Received);
    public long HandedOut => Bands.Sum(b => b.HandedOut);
    public long Children => Bands.Sum(b => b.Children);
}

/// <summary>
/// The job that produces one version of a wave report: reads the figures (the dashboard's definitions), lays out the
/// PDF and stores it under the version's own owner key. Running it twice replaces that version's document only.
/// </summary>
public sealed class WaveReportWork(AppDbContext db, ReceivedBooks receivedBooks, IPdfRenderer pdf, DocumentStore documents, FranceMap map) : IWorkHandler
{
    public const string WorkKind = "wave-report";
    public const string DocumentKind = "wave-report";

    /// <summary>At most this many quotable testimonials (consented and approved) go in the report, the earliest first.</summary>
    public const int MaxTestimonials = 8;

    public string Kind => WorkKind;

    public static string Key(int waveId, int version) => $"wave-report:wave:{waveId}:version:{version}";

    public static string Group(int waveId) => $"wave-reports:wave:{waveId}";

    public static string OwnerKey(int waveId, int version) => $"wave:{waveId}:version:{version}";

    public static string FileName(int waveNumber, int version) => $"rapport-vague-{waveNumber}-version-{version}.pdf";

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var payload = JsonSerializer.Deserialize<WaveReports.Payload>(item.Payload)
            ?? throw new InvalidOperationException($"Work item {item.Id}: empty payload.");
        var model = await BuildAsync(payload, ct);
        var bytes = pdf.RenderToBytes(new WaveReportLayout(pdf).Layout(model));
        await documents.SaveAsync(DocumentKind, OwnerKey(payload.WaveId, payload.Version), payload.WaveId, null,
            FileName(model.WaveNumber, payload.Version), bytes, ct: ct);
    }

    public async Task<WaveReportModel> BuildAsync(WaveReports.Payload payload, CancellationToken ct)
    {
        var waveId = payload.WaveId;
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => new { w.Number, w.Name }).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("Cette vague n'existe plus : le rapport ne peut pas être produit.");
        var bands = await db.AgeBands.AsNoTracking().OrderBy(b => b.SortOrder)
            .Select(b => new { b.Id, b.MinAge, b.MaxAge, b.Name }).ToListAsync(ct);
        var towns = await db.WaveTowns.AsNoTracking().Where(wt => wt.WaveId == waveId)
            .Select(wt => new { wt.TownId, wt.Town.Name, wt.Town.Departement, wt.Town.Region, wt.Town.InseeCode }).ToListAsync(ct);
        var figures = await TownFigures.PerBandAsync(db, receivedBooks, waveId, ct);

        TownFigures.Totals Sum(Func<(int WaveId, int TownId, int AgeBandId), bool> where) =>
            figures.Where(f => where(f.Key)).Aggregate(TownFigures.Totals.Empty, (s, f) => s + f.Value);

        var french = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);
        var bandLines = bands.Select(b =>
        {
            var t = Sum(k => k.AgeBandId == b.Id);
            return new WaveReportModel.Band(AgeBand.LabelOf(b.MinAge, b.MaxAge, b.Name), t.Allocated, t.Shipped, t.Received, t.HandedOut, t.Children);
        }).ToList();
        var townLines = towns.OrderBy(t => t.Name, french).Select(t =>
        {
            var s = Sum(k => k.TownId == t.TownId);
            return new WaveReportModel.TownLine(t.Name, t.Departement, s.Allocated, s.Shipped, s.Received, s.HandedOut, s.Children);
        }).ToList();
        var departements = towns.GroupBy(t => (t.Departement, t.Region))
            .OrderBy(g => g.Key.Departement, french)
            .Select(g =>
            {
                var ids = g.Select(t => t.TownId).ToHashSet();
                var s = Sum(k => ids.Contains(k.TownId));
                return new WaveReportModel.DepartementLine(g.Key.Departement, g.Key.Region, ids.Count, s.Received, s.HandedOut, s.Children);
            }).ToList();
        var quotes = await (from t in db.Testimonials.AsNoTracking()
                            join p in db.DistributionReports on t.ReportId equals p.Id
                            where p.WaveId == waveId && t.ConsentToQuote && t.Moderation == ModerationState.Approved
                            orderby t.SubmittedAtUtc, t.Id
                            select new { Town = db.Towns.Where(x => x.Id == p.TownId).Select(x => x.Name).First(), t.Source, t.Text })
            .Take(MaxTestimonials).ToListAsync(ct);
        return new WaveReportModel(wave.Number, wave.Name, payload.Version, payload.RequestedAtUtc, payload.Introduction, towns.Count,
            bandLines, townLines, departements,
            quotes.Select(q => new WaveReportModel.Quote(q.Town, DistributionText.Of(q.Source), q.Text)).ToList())
        {
            Map = FranceMapPicture.Draw(map, towns.Select(t => DepartementCodes.CodeOf(t.InseeCode)).ToHashSet(StringComparer.Ordinal)),
        };
    }
}
