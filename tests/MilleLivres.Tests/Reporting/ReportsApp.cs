using MilleLivres.Core.Distribution;
using MilleLivres.Tests.Distribution;

namespace MilleLivres.Tests.Reporting;

/// <summary>
/// The dashboard's programme (<see cref="DashboardApp"/>: wave 50 to Lens and Boulogne-sur-Mer, wave 51 to Maubeuge
/// with a write-off and late rows) plus three testimonials from Lens: one quotable (consent, approved) whose text
/// starts like a spreadsheet formula, one with consent still to moderate, one without consent. Shared by the
/// reconciliation, export and wave report tests (one collection: they run one after the other on one host).
/// </summary>
public sealed class ReportsApp : IAsyncLifetime
{
    public const string QuotableText = "=1+2 « J'ai lu mon livre trois fois ! »";
    public const string PendingText = "Les enfants ont choisi leur livre eux-mêmes.";
    public const string PrivateText = "Une maman nous a remerciés à la sortie de l'école.";

    public DashboardApp Programme { get; } = new();
    public int QuotableId { get; private set; }

    public async Task InitializeAsync()
    {
        await Programme.InitializeAsync();
        var staff = new DistributionUser(null, IsStaff: true);
        var wave = Programme.WaveA.WaveId;
        var lens = Programme.Lens;
        foreach (var (text, source, consent) in new[]
                 {
                     (QuotableText, TestimonialSource.Child, true),
                     (PendingText, TestimonialSource.Teacher, true),
                     (PrivateText, TestimonialSource.Parent, false),
                 })
        {
            await DeliveredWave.WithDistributionsAsync(Programme.Factory, d => d.AddTestimonialAsync(staff, wave, lens, text, source, consent, DeliveredWave.NewKey()));
        }
        QuotableId = await Programme.Factory.WithDbAsync(db => Task.FromResult(db.Testimonials.Single(t => t.Text == QuotableText).Id));
        await DeliveredWave.WithDistributionsAsync(Programme.Factory, d => d.ModerateAsync(staff, QuotableId, approve: true, null));
    }

    public Task DisposeAsync() => Programme.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ReportsCollection : ICollectionFixture<ReportsApp>
{
    public const string Name = "Reports";
}
