using System.Text.Json;
using MilleLivres.Core.Data;
using MilleLivres.Core.Documents;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Core.Receipt;

/// <summary>
/// The slip and label of one replacement carton: the town's packing slip (same cover, address, QR code to the
/// carton's receipt page) holding only that carton. Stored per carton, downloadable by staff and the coordinator.
/// </summary>
public sealed class ReplacementSlipWork(AppDbContext db, IPackingSlipSource source, PackingSlipRenderer renderer, DocumentStore documents) : IWorkHandler
{
    public const string WorkKind = "replacement-slip";
    public const string DocumentKind = "replacement-slip";

    public sealed record Target(int CartonId);

    public string Kind => WorkKind;

    public static string OwnerKey(int cartonId) => $"carton:{cartonId}";

    public static Task<WorkItem> RequestAsync(WorkQueue queue, AppDbContext db, Carton carton, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(carton);
        return queue.RequestAsync(db, WorkKind, $"replacement-slip:carton:{carton.Id}", $"replacement-slips:wave:{carton.WaveId}", new Target(carton.Id), ct);
    }

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var target = JsonSerializer.Deserialize<Target>(item.Payload)
            ?? throw new InvalidOperationException($"Work item {item.Id}: empty payload.");
        var carton = await db.Cartons.AsNoTracking().Include(c => c.Lines).SingleAsync(c => c.Id == target.CartonId, ct);
        var slip = await source.BuildAsync(carton.WaveId, carton.TownId, ct);
        var titleIds = carton.Lines.Select(l => l.TitleId).ToList();
        var titles = await db.Titles.AsNoTracking().Where(t => titleIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var bands = await db.AgeBands.AsNoTracking().ToDictionaryAsync(b => b.Id, ct);
        var lines = carton.Lines.Select(l => new BookToPack(titles[l.TitleId].Isbn, titles[l.TitleId].Name, titles[l.TitleId].Authors,
            $"{bands[l.AgeBandId].MinAge}-{bands[l.AgeBandId].MaxAge} ans ({bands[l.AgeBandId].Name})", bands[l.AgeBandId].SortOrder, l.Quantity)).ToList();
        var only = slip with
        {
            WaveName = $"{slip.WaveName} — remplacement",
            Date = DateOnly.FromDateTime(carton.CreatedAtUtc),
            Cartons = [new SlipCarton(carton.Number, carton.Code, lines)],
        };
        await documents.SaveAsync(DocumentKind, OwnerKey(carton.Id), carton.WaveId, carton.TownId,
            $"bordereau-remplacement-{carton.Code}.pdf", renderer.Render(only), ct: ct);
    }
}
