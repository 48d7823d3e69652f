using MilleLivres.Core.Data;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Receipts;

/// <summary>
/// The receipt section of a wave's page: per town, cartons received (conforming, with differences), not received,
/// still awaited, and the dates. One line in the wave page, so the other work on that page is left alone.
/// </summary>
public sealed class ReceiptProgressViewComponent : ViewComponent
{
    public sealed record TownProgress(int TownId, string TownName, DateOnly? DispatchedOn, DateOnly? ReceivedOn, int Cartons, int Conforming,
        int WithDifferences, int NotReceived, long? AcknowledgementId)
    {
        public int Awaiting => Cartons - Conforming - WithDifferences - NotReceived;
    }

    public sealed record Progress(int WaveId, IReadOnlyList<TownProgress> Towns, int OpenDifferences);

    /// <summary>Renders progress read by <see cref="ReadAsync"/> (the wave page reads it once per state of its data).</summary>
    public IViewComponentResult Invoke(Progress progress) => View(progress);

    public static async Task<Progress> ReadAsync(AppDbContext db, int waveId, CancellationToken ct = default)
    {
        // The section shows only once a town's cartons left: before that, one query and nothing else to read.
        var shipments = await db.Shipments.AsNoTracking().Where(s => s.WaveId == waveId)
            .Select(s => new { s.TownId, s.DispatchedOn, s.ReceivedOn }).ToListAsync(ct);
        if (shipments.Count == 0)
        {
            return new Progress(waveId, [], 0);
        }
        var states = await db.Cartons.AsNoTracking().Where(c => c.WaveId == waveId)
            .GroupBy(c => new { c.TownId, c.ReceiptState })
            .Select(g => new { g.Key.TownId, g.Key.ReceiptState, Count = g.Count() })
            .ToListAsync(ct);
        var acknowledgements = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => d.Kind == AcknowledgementWork.DocumentKind && d.WaveId == waveId && d.TownId != null)
            .Select(d => new { TownId = d.TownId!.Value, d.Id }).ToListAsync(ct);
        var towns = await db.WaveTowns.AsNoTracking().Where(t => t.WaveId == waveId)
            .OrderBy(t => t.Town.Name).Select(t => new { t.TownId, t.Town.Name }).ToListAsync(ct);
        var open = await db.ReceiptDifferences.AsNoTracking()
            .CountAsync(d => d.Resolution == DifferenceResolution.Open && db.Cartons.Any(c => c.Id == d.CartonId && c.WaveId == waveId), ct);
        int Count(int townId, CartonReceiptState state) => states.Where(s => s.TownId == townId && s.ReceiptState == state).Sum(s => s.Count);
        var rows = towns.Select(t =>
        {
            var shipment = shipments.FirstOrDefault(s => s.TownId == t.TownId);
            return new TownProgress(t.TownId, t.Name, shipment?.DispatchedOn, shipment?.ReceivedOn,
                states.Where(s => s.TownId == t.TownId).Sum(s => s.Count),
                Count(t.TownId, CartonReceiptState.Conforming), Count(t.TownId, CartonReceiptState.WithDifferences),
                Count(t.TownId, CartonReceiptState.NotReceived), acknowledgements.FirstOrDefault(a => a.TownId == t.TownId)?.Id);
        }).ToList();
        return new Progress(waveId, rows, open);
    }
}
