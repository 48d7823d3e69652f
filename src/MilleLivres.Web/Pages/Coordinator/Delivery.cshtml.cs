using System.Security.Claims;
using MilleLivres.Core.Data;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Coordinator;

/// <summary>
/// The coordinator's deliveries: for each of their own towns and waves, the packing slip, the cartons with their
/// receipt state, "k / n cartons reçus", and the acknowledgement of receipt once every carton is received.
/// </summary>
public class DeliveryModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Delivery> Deliveries { get; private set; } = [];

    public sealed record Delivery(int TownId, string TownName, int WaveId, string WaveName, long? SlipId, string? SlipFileName,
        DateOnly? DispatchedOn, DateOnly? ReceivedOn, long? AcknowledgementId, IReadOnlyList<CartonRow> Cartons)
    {
        public int Received => Cartons.Count(c => c.State != CartonReceiptState.Awaiting);

        /// <summary>Cartons on their way and not received yet (a replacement still being prepared is not).</summary>
        public int Remaining => Cartons.Count(c => c.State == CartonReceiptState.Awaiting && !c.AwaitsDispatch);
        public ShipmentView? Shipment { get; init; }
        public IReadOnlyList<NoticeView> Notices { get; init; } = [];
    }

    public sealed record ShipmentView(DateOnly DispatchedOn, DateOnly ExpectedOn, string? Carrier, string? TrackingNumber);

    public sealed record NoticeView(int Id, Core.Applications.OutboxEmailKind Kind, string? Subject, Core.Applications.OutboxEmailStatus Status, DateTime CreatedAtUtc, DateTime? SentAtUtc);

    public sealed record CartonRow(int Id, int Number, int Count, string Code, int Books, CartonReceiptState State, DateOnly? ReceivedOn, bool IsReplacement, long? ReplacementSlipId)
    {
        /// <summary>A replacement carton staff have not dispatched yet.</summary>
        public bool AwaitsDispatch { get; init; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        // The coordinator's towns are the filter: nothing of another town is read.
        var towns = db.TownIdsCoordinatedBy(userId);
        var waves = db.WaveIdsWithConfirmedAllocation();
        var cartons = await db.Cartons.AsNoTracking()
            .Where(c => towns.Contains(c.TownId) && waves.Contains(c.WaveId))
            .Select(c => new { c.Id, c.TownId, c.WaveId, c.Number, c.Count, c.Code, Books = c.Lines.Sum(l => l.Quantity), c.ReceiptState, c.ReceivedOn, c.DispatchedOn, c.ReplacesDifferenceId })
            .ToListAsync(ct);
        var documents = await db.GeneratedDocuments.AsNoTracking()
            .Where(d => (d.Kind == PackingSlipWork.DocumentKind || d.Kind == AcknowledgementWork.DocumentKind || d.Kind == ReplacementSlipWork.DocumentKind)
                && d.TownId != null && towns.Contains(d.TownId.Value) && d.WaveId != null && waves.Contains(d.WaveId.Value))
            .Select(d => new { d.Kind, d.OwnerKey, TownId = d.TownId!.Value, WaveId = d.WaveId!.Value, d.Id, d.FileName })
            .ToListAsync(ct);
        var slips = documents.Where(d => d.Kind == PackingSlipWork.DocumentKind).ToList();
        var shipments = await db.Shipments.AsNoTracking().Where(s => towns.Contains(s.TownId))
            .Select(s => new { s.TownId, s.WaveId, s.DispatchedOn, s.ReceivedOn, View = new ShipmentView(s.DispatchedOn, s.ExpectedOn, s.Carrier, s.TrackingNumber) })
            .ToListAsync(ct);
        // The delivery mails of their own towns only (the same filter).
        var notices = await db.OutboxEmails.AsNoTracking()
            .Where(m => m.TownId != null && towns.Contains(m.TownId.Value) && m.ShipmentId != null)
            .OrderBy(m => m.Id)
            .Select(m => new { TownId = m.TownId!.Value, m.WaveId, View = new NoticeView(m.Id, m.Kind, m.Subject, m.Status, m.CreatedAtUtc, m.SentAtUtc) })
            .ToListAsync(ct);
        var keys = cartons.Select(c => (c.TownId, c.WaveId)).Concat(slips.Select(s => (s.TownId, s.WaveId))).Distinct().ToList();
        var townIds = keys.Select(k => k.TownId).Distinct().ToList();
        var waveIds = keys.Select(k => k.WaveId).Distinct().ToList();
        var townNames = await db.Towns.AsNoTracking().Where(t => townIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var waveNames = await db.Waves.AsNoTracking().Where(w => waveIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => new { w.Name, w.Number }, ct);
        Deliveries = keys
            .OrderByDescending(k => waveNames[k.WaveId].Number).ThenBy(k => townNames[k.TownId])
            .Select(k =>
            {
                var slip = slips.FirstOrDefault(s => s.TownId == k.TownId && s.WaveId == k.WaveId);
                var shipment = shipments.FirstOrDefault(s => s.TownId == k.TownId && s.WaveId == k.WaveId);
                var acknowledgement = documents.FirstOrDefault(d => d.Kind == AcknowledgementWork.DocumentKind && d.OwnerKey == AcknowledgementWork.OwnerKey(k.WaveId, k.TownId));
                return new Delivery(k.TownId, townNames[k.TownId], k.WaveId, waveNames[k.WaveId].Name, slip?.Id, slip?.FileName,
                    shipment?.DispatchedOn, shipment?.ReceivedOn, acknowledgement?.Id,
                    cartons.Where(c => c.TownId == k.TownId && c.WaveId == k.WaveId).OrderBy(c => c.Number)
                        .Select(c => new CartonRow(c.Id, c.Number, c.Count, c.Code, c.Books, c.ReceiptState, c.ReceivedOn, c.ReplacesDifferenceId is not null,
                            documents.FirstOrDefault(d => d.Kind == ReplacementSlipWork.DocumentKind && d.OwnerKey == ReplacementSlipWork.OwnerKey(c.Id))?.Id)
                        {
                            AwaitsDispatch = c.ReplacesDifferenceId is not null && c.DispatchedOn is null,
                        })
                        .ToList())
                {
                    Shipment = shipment?.View,
                    Notices = notices.Where(n => n.TownId == k.TownId && n.WaveId == k.WaveId).Select(n => n.View).ToList(),
                };
            })
            .ToList();
    }
}
