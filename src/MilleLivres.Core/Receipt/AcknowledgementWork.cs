using System.Globalization;
using System.Text.Json;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Pdf;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Receipt;

/// <summary>What the acknowledgement of receipt (accusé de réception) of one town in one wave says.</summary>
public sealed record AcknowledgementModel(
    string WaveName,
    string TownName,
    string CiteEducative,
    DateOnly DispatchedOn,
    DateOnly ReceivedOn,
    IReadOnlyList<AcknowledgementCarton> Cartons,
    IReadOnlyList<AcknowledgementBand> Bands,
    IReadOnlyList<AcknowledgementDifference> Differences);

public sealed record AcknowledgementCarton(int Number, int Count, string Code, string State, DateOnly? ReceivedOn, string? RecordedBy, DateTime? RecordedAtUtc, int Books);

/// <summary>Books of one age band: sent, reported (missing, damaged…), and received in good order.</summary>
public sealed record AcknowledgementBand(string Label, int Sent, int Reported)
{
    public int Received => Sent - Reported;
}

public sealed record AcknowledgementDifference(int CartonNumber, string Isbn, string Title, int Quantity, string Reason, string? Comment, string Resolution);

/// <summary>
/// The "produce the acknowledgement of receipt of a town" job, asked for when every carton of the town is received
/// (and again after a correction). Like packing slips: one work row per (wave, town), the PDF in the document store,
/// one document per (kind, wave and town), so running it twice stores one PDF.
/// </summary>
public sealed class AcknowledgementWork(AppDbContext db, IPdfRenderer pdf, DocumentStore documents) : IWorkHandler
{
    public const string WorkKind = "receipt-acknowledgement";
    public const string DocumentKind = "receipt-acknowledgement";

    public sealed record Target(int WaveId, int TownId);

    public string Kind => WorkKind;

    public static string Key(int waveId, int townId) => $"receipt-acknowledgement:wave:{waveId}:town:{townId}";

    public static string Group(int waveId) => $"receipt-acknowledgements:wave:{waveId}";

    public static string OwnerKey(int waveId, int townId) => $"wave:{waveId}:town:{townId}";

    /// <summary>ASCII, so every browser and OS keeps it.</summary>
    public static string FileName(int waveId, int townId) => $"accuse-reception-vague-{waveId}-ville-{townId}.pdf";

    /// <summary>Adds (or re-asks) the work row; not saved.</summary>
    public static Task<WorkItem> RequestAsync(WorkQueue queue, AppDbContext db, int waveId, int townId, CancellationToken ct = default) =>
        queue.RequestAsync(db, WorkKind, Key(waveId, townId), Group(waveId), new Target(waveId, townId), ct);

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var target = JsonSerializer.Deserialize<Target>(item.Payload)
            ?? throw new InvalidOperationException($"Work item {item.Id}: empty payload.");
        var model = await BuildAsync(target.WaveId, target.TownId, ct);
        var bytes = pdf.RenderToBytes(new AcknowledgementLayout(pdf).Layout(model));
        await documents.SaveAsync(DocumentKind, OwnerKey(target.WaveId, target.TownId), target.WaveId, target.TownId,
            FileName(target.WaveId, target.TownId), bytes, ct: ct);
    }

    public async Task<AcknowledgementModel> BuildAsync(int waveId, int townId, CancellationToken ct)
    {
        var shipment = await db.Shipments.AsNoTracking().SingleOrDefaultAsync(s => s.WaveId == waveId && s.TownId == townId, ct);
        if (shipment?.ReceivedOn is not { } receivedOn)
        {
            throw new DomainException("La réception de cette ville n'est pas complète : l'accusé de réception ne peut pas encore être produit.");
        }
        var wave = await db.Waves.AsNoTracking().Where(w => w.Id == waveId).Select(w => w.Name).SingleAsync(ct);
        var town = await db.Towns.AsNoTracking().Where(t => t.Id == townId).Select(t => new { t.Name, t.CiteEducativeName }).SingleAsync(ct);
        var cartons = await db.Cartons.AsNoTracking().Include(c => c.Lines).Include(c => c.Differences)
            .Where(c => c.WaveId == waveId && c.TownId == townId).OrderBy(c => c.Number).ToListAsync(ct);
        var titleIds = cartons.SelectMany(c => c.Lines).Select(l => l.TitleId).Distinct().ToList();
        var titles = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => new { t.Isbn, t.Name }, ct);
        var bands = await db.AgeBands.AsNoTracking().ToDictionaryAsync(b => b.Id, b => new { Label = $"{b.MinAge}-{b.MaxAge} ans ({b.Name})", b.SortOrder }, ct);

        var perBand = cartons.SelectMany(c => c.Lines).GroupBy(l => l.AgeBandId)
            .Select(g => new
            {
                Band = bands[g.Key],
                Sent = g.Sum(l => l.Quantity),
                Reported = cartons.SelectMany(c => c.Differences).Where(d => d.AgeBandId == g.Key).Sum(d => d.Quantity),
            })
            .OrderBy(b => b.Band.SortOrder)
            .Select(b => new AcknowledgementBand(b.Band.Label, b.Sent, b.Reported))
            .ToList();
        var differences = cartons
            .SelectMany(c => c.Differences.Select(d => new AcknowledgementDifference(c.Number, titles[d.TitleId].Isbn, titles[d.TitleId].Name,
                d.Quantity, ReceiptText.Of(d.Reason), d.Comment, ReceiptText.Of(d.Resolution))))
            .OrderBy(d => d.CartonNumber).ThenBy(d => d.Isbn, StringComparer.Ordinal)
            .ToList();
        return new AcknowledgementModel(wave, town.Name, town.CiteEducativeName, shipment.DispatchedOn, receivedOn,
            cartons.Select(c => new AcknowledgementCarton(c.Number, c.Count, c.Code, ReceiptText.Of(c.ReceiptState), c.ReceivedOn,
                c.ReceiptRecordedBy, c.ReceiptRecordedAtUtc, c.Lines.Sum(l => l.Quantity))).ToList(),
            perBand, differences);
    }
}

/// <summary>The acknowledgement's layout: a heading, the cartons, books per band, the differences; lines cut to fit.</summary>
public sealed class AcknowledgementLayout(ITextMeasurer measurer)
{
    private const float Margin = 40f;
    private const float Top = 60f;
    private const float Bottom = PdfPage.A4Height - 50f;
    private const float Line = 14f;
    private const float Size = 9.5f;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string DocumentTitle(AcknowledgementModel m) => $"Accusé de réception — {m.TownName} — {m.WaveName}";

    public PdfDocumentModel Layout(AcknowledgementModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var pages = new List<List<PdfElement>> { new() };
        var y = Top;

        void Text(string text, float size = Size, PdfFontStyle style = PdfFontStyle.Regular, float x = Margin)
        {
            if (y > Bottom)
            {
                pages.Add([]);
                y = Top;
            }
            foreach (var line in measurer.Wrap(text, PdfPage.A4Width - Margin - x, size, style))
            {
                if (y > Bottom)
                {
                    pages.Add([]);
                    y = Top;
                }
                pages[^1].Add(new PdfText(x, y, line, size, style));
                y += size > 12 ? size + 8 : Line;
            }
        }

        Text("Accusé de réception", 20, PdfFontStyle.Bold);
        Text("1000 livres dans les Cités éducatives — Biblionef", 11);
        y += 6;
        Text($"Ville : {m.TownName}");
        Text($"Cité éducative : {m.CiteEducative}");
        Text($"Vague : {m.WaveName}");
        Text($"Expédition : {m.DispatchedOn.ToString("d MMMM yyyy", French)}");
        Text($"Réception complète : {m.ReceivedOn.ToString("d MMMM yyyy", French)}");
        Text($"Cartons : {m.Cartons.Count} — livres expédiés : {m.Bands.Sum(b => b.Sent)} — reçus en bon état : {m.Bands.Sum(b => b.Received)}");
        y += 8;
        Text("Cartons", 13, PdfFontStyle.Bold);
        foreach (var c in m.Cartons)
        {
            Text($"Carton {c.Number} / {c.Count} — {CartonCode.Display(c.Code)} — {c.Books} livres — {c.State} le {c.ReceivedOn:dd/MM/yyyy}");
            if (c.RecordedBy is not null)
            {
                Text($"confirmé par {c.RecordedBy} le {c.RecordedAtUtc:dd/MM/yyyy HH:mm} UTC", x: Margin + 16);
            }
        }
        y += 8;
        Text("Livres par tranche d'âge", 13, PdfFontStyle.Bold);
        foreach (var b in m.Bands)
        {
            Text($"{b.Label} : {b.Sent} expédiés, {b.Reported} en écart, {b.Received} reçus en bon état");
        }
        y += 8;
        Text("Écarts", 13, PdfFontStyle.Bold);
        if (m.Differences.Count == 0)
        {
            Text("Aucun écart : tout est conforme.");
        }
        foreach (var d in m.Differences)
        {
            var comment = string.IsNullOrWhiteSpace(d.Comment) ? string.Empty : $" — « {d.Comment} »";
            Text($"Carton {d.CartonNumber} — {d.Isbn} {d.Title} — {d.Quantity} {d.Reason} — {d.Resolution}{comment}");
        }

        var title = DocumentTitle(m);
        var result = pages.Select((elements, i) =>
        {
            elements.Add(new PdfText(Margin, PdfPage.A4Height - 25f, measurer.Fit(title, 400, 8, PdfFontStyle.Regular), 8));
            elements.Add(new PdfText(PdfPage.A4Width - Margin, PdfPage.A4Height - 25f, $"page {i + 1} / {pages.Count}", 8, Align: PdfTextAlign.Right));
            return new PdfPage(PdfPage.A4Width, PdfPage.A4Height, elements);
        }).ToList();
        // The file's date comes from the data (the latest receipt recorded), so an unchanged acknowledgement keeps its bytes.
        var created = m.Cartons.Max(c => c.RecordedAtUtc) ?? m.ReceivedOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return new PdfDocumentModel(title, Packing.PackingSlipLayout.Author, result, created);
    }
}
