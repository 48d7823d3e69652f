using MilleLivres.Core.Data;
using MilleLivres.Core.Receipt;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff.Receipts;

/// <summary>
/// On a title's stock card: shipped copies reported missing or damaged at receipt, and what became of them (open,
/// written off, replaced). The ledger rows of write-offs and replacements are in the card itself.
/// </summary>
public sealed class TitleDifferencesViewComponent(AppDbContext db) : ViewComponent
{
    public sealed record Row(int WaveNumber, string TownName, int CartonNumber, int Quantity, DifferenceReason Reason, DifferenceResolution Resolution, DateTime ReportedAtUtc);

    public async Task<IViewComponentResult> InvokeAsync(int titleId)
    {
        var rows = await (
                from d in db.ReceiptDifferences.AsNoTracking()
                where d.TitleId == titleId
                join c in db.Cartons on d.CartonId equals c.Id
                join w in db.Waves on c.WaveId equals w.Id
                join t in db.Towns on c.TownId equals t.Id
                orderby d.ReportedAtUtc descending
                select new Row(w.Number, t.Name, c.Number, d.Quantity, d.Reason, d.Resolution, d.ReportedAtUtc))
            .Take(50)
            .ToListAsync();
        return View(rows);
    }
}
