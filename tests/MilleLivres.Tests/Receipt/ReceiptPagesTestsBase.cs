using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Packing;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Stock;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Receipt;

/// <summary>
/// Receipt over the real app (real SQLite file, real jobs): the coordinator's pages posted as a browser without
/// JavaScript would, and the staff's resolutions. Each test dispatches its own wave to Lens and/or Boulogne-sur-Mer.
/// </summary>
/// <remarks>
/// The tests are split in three classes (ADR 0546) so that their hosts run side by side: together they were the last
/// minute of the suite. They share these helpers; each class has its own app.
/// </remarks>
public abstract class ReceiptPagesTestsBase(SeededRealPackingApp app)
{
    protected SeededRealPackingApp App { get; } = app;

    protected static string Url(string code) => $"/Coordinator/Receipt/{code}";

    protected Task<Carton> CartonAsync(int id) =>
        App.Factory.WithDbAsync(db => db.Cartons.AsNoTracking().Include(c => c.Lines).Include(c => c.Differences).SingleAsync(c => c.Id == id));

    protected Task<int> AuditsAsync(int cartonId) =>
        App.Factory.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(Carton) && a.EntityId == cartonId.ToString()));

    protected static async Task<string> LocationAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"{(int)response.StatusCode}: {(await Http.ParseAsync(response)).QuerySelector("main")?.TextContent}");
        return response.Headers.Location!.OriginalString;
    }
}
