using System.Net;
using System.Text.RegularExpressions;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Distribution;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Reporting;
using MilleLivres.Tests.Distribution;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MilleLivres.Tests.Reporting;

/// <summary>
/// Testimonials of Lens in wave 50, one of each kind, added by <see cref="DashboardApp"/> before any page is read: only
/// the consented and approved one may reach the public page (ADR 0821).
/// </summary>
public static class DashboardTestimonials
{
    public const string Public = "Ma fille a lu son livre trois fois cette semaine.";
    public const string Pending = "Témoignage consenti, pas encore relu par l'équipe.";
    public const string WithoutConsent = "Témoignage sans accord de citation, à garder pour nous.";
    public const string Rejected = "Témoignage consenti mais refusé à la relecture.";

    public static async Task AddAsync(AppFactory factory, int waveId, int townId)
    {
        var staff = new DistributionUser(null, IsStaff: true);
        foreach (var (text, consent) in new[] { (Public, true), (Pending, true), (WithoutConsent, false), (Rejected, true) })
        {
            await DeliveredWave.WithDistributionsAsync(factory, d => d.AddTestimonialAsync(staff, waveId, townId, text, TestimonialSource.Parent, consent, DeliveredWave.NewKey()));
        }
        var ids = await factory.WithDbAsync(db => db.Testimonials.ToDictionaryAsync(t => t.Text, t => t.Id));
        await DeliveredWave.WithDistributionsAsync(factory, d => d.ModerateAsync(staff, ids[Public], true, null));
        await DeliveredWave.WithDistributionsAsync(factory, d => d.ModerateAsync(staff, ids[Rejected], false, "Trop personnel."));
    }
}

public partial class ProgrammeFiguresTests
{
    [Fact]
    public async Task Staff_home_lists_each_open_wave_waiting_for_a_step_with_a_link_to_that_step()
    {
        // By hand: each open wave's step from its status, towns, cartons recorded and distribution rows.
        var expected = await app.Factory.WithDbAsync(async db =>
        {
            var waves = await db.Waves.AsNoTracking().Include(w => w.Towns).ToListAsync();
            var cartons = await db.Cartons.AsNoTracking().ToListAsync();
            var reports = await db.DistributionReports.AsNoTracking().ToListAsync();
            var rows = await db.DistributionRows.AsNoTracking().ToListAsync();
            return waves.Where(w => w.Status != WaveStatus.Closed).Select(w =>
            {
                var towns = w.Towns.Select(t => t.TownId).ToList();
                var notConfirmed = towns.Count(t => !cartons.Any(c => c.WaveId == w.Id && c.TownId == t && c.ReceiptState != CartonReceiptState.Awaiting));
                var notRecorded = towns.Count(t => !reports.Any(r => r.WaveId == w.Id && r.TownId == t && rows.Any(row => row.ReportId == r.Id)));
                var step = w.Status switch
                {
                    WaveStatus.Planning => towns.Count == 0 ? DashboardFollowUp.NextStep.AddTowns : DashboardFollowUp.NextStep.Allocate,
                    WaveStatus.Allocated => DashboardFollowUp.NextStep.Pack,
                    WaveStatus.Packed => DashboardFollowUp.NextStep.Dispatch,
                    WaveStatus.Dispatched => DashboardFollowUp.NextStep.AwaitReceipts,
                    _ => DashboardFollowUp.NextStep.AwaitDistributions,
                };
                var waiting = step switch
                {
                    DashboardFollowUp.NextStep.AwaitReceipts => notConfirmed,
                    DashboardFollowUp.NextStep.AwaitDistributions => notRecorded,
                    DashboardFollowUp.NextStep.AddTowns => 0,
                    _ => towns.Count,
                };
                return (w.Id, Step: step, Waiting: waiting);
            }).ToList();
        });
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var computed = await scope.ServiceProvider.GetRequiredService<DashboardFollowUp>().WavesWaitingAsync();
            Assert.Equal(expected.OrderBy(e => e.Id), computed.Select(w => (Id: w.WaveId, w.Step, Waiting: w.TownsWaiting)).OrderBy(e => e.Id));
        }

        var page = await (await app.Factory.SignedInClientAsync(Http.StaffEmail)).GetDocumentAsync("/Staff");
        var listed = page.QuerySelectorAll("#attention li.attention-wave").ToList();
        var shown = expected.Where(e => e.Step is not (DashboardFollowUp.NextStep.AwaitReceipts or DashboardFollowUp.NextStep.AwaitDistributions) || e.Waiting > 0).ToList();
        Assert.Equal(shown.Select(e => e.Id.ToString()).Order(), listed.Select(li => li.GetAttribute("data-wave-id")!).Order());
        // The demo's wave 3 has no towns yet: its step is to add some, on the wave's page.
        var wave3 = await app.Factory.WithDbAsync(db => db.Waves.Where(w => w.Number == 3).Select(w => w.Id).SingleAsync());
        var item = Assert.Single(listed, li => li.GetAttribute("data-wave-id") == wave3.ToString());
        Assert.Equal(nameof(DashboardFollowUp.NextStep.AddTowns), item.GetAttribute("data-step"));
        Assert.Equal($"/Staff/Waves/Details/{wave3}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("ajouter des villes", item.TextContent);
        Assert.Null(page.QuerySelector("#attention-none"));
    }

    [Fact]
    public async Task Late_town_shows_the_last_reminder_written_for_it()
    {
        var sentOn = DateTime.UtcNow.AddDays(-3);
        await app.Factory.WithDbAsync(async db =>
        {
            var older = OutboxEmail.About(OutboxEmailKind.ReceiptReminder, "relance@example.invalid", null, sentOn.AddDays(-20), app.Maubeuge, app.WaveB.WaveId, null);
            older.MarkSent(sentOn.AddDays(-20));
            var newest = OutboxEmail.About(OutboxEmailKind.DistributionReminder, "relance@example.invalid", null, sentOn, app.Maubeuge, app.WaveB.WaveId, null);
            newest.MarkSent(sentOn);
            db.OutboxEmails.AddRange(older, newest);
            await db.SaveChangesAsync();
        });

        var page = await (await app.Factory.SignedInClientAsync(Http.StaffEmail)).GetDocumentAsync("/Staff");
        var cell = page.QuerySelector($"table#late-towns tr[data-town-id='{app.Maubeuge}'] [data-figure='last-reminder']")!;
        var fr = System.Globalization.CultureInfo.GetCultureInfo("fr-FR");
        Assert.Equal($"distributions, {DateOnly.FromDateTime(sentOn).ToString("d MMMM yyyy", fr)} (envoyée)", cell.TextContent.Trim());
        Assert.Contains("Dernière relance", page.QuerySelector("table#late-towns thead")!.TextContent);
    }

    [Fact]
    public async Task Staff_home_charts_read_their_tables_and_the_map_colours_the_departements_served()
    {
        var figures = await ComputeAsync();
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        var page = await client.GetDocumentAsync("/Staff");

        // Each chart names its table and the columns it draws; the cells carry the raw numbers it reads.
        foreach (var (canvas, table) in new[] { ("chart-waves", "figures-waves"), ("chart-bands", "bands-programme"), ("chart-stock", "stock-bands") })
        {
            var chart = page.QuerySelector($"canvas#{canvas}")!;
            Assert.Equal(table, chart.GetAttribute("data-chart-table"));
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(chart.GetAttribute("aria-label")));
            var source = page.QuerySelector($"table#{table}")!;
            foreach (var figure in chart.GetAttribute("data-chart-figures")!.Split(','))
            {
                Assert.NotNull(source.QuerySelector($"tbody [data-figure='{figure}'][data-value]"));
            }
        }
        var a = figures.Waves.Single(w => w.WaveId == app.WaveA.WaveId);
        var row = page.QuerySelector($"table#figures-waves tbody tr[data-wave-id='{app.WaveA.WaveId}']")!;
        Assert.Equal(a.Shipped.ToString(), row.QuerySelector("[data-figure='shipped']")!.GetAttribute("data-value"));
        Assert.Equal(a.HandedOut.ToString(), row.QuerySelector("[data-figure='handed-out']")!.GetAttribute("data-value"));
        var scripts = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        var chartJs = Assert.Single(scripts, s => s.StartsWith("/lib/chartjs/chart.umd.min.js", StringComparison.Ordinal));
        var served = await client.GetAsync(chartJs);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("Chart", await served.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/chartjs/LICENSE.md")).StatusCode);

        // The map: Lens (62), Boulogne-sur-Mer (62) and Maubeuge (59) are served, Corsica is not; overseas insets drawn.
        // The map is its own resource, linked with its hash (ADR 0826): followed as a browser would.
        var map = await MapPicture.FollowAsync(client, page, "carte-staff");
        Assert.Contains("dep-served", map.QuerySelector("path[data-code='62']")!.GetAttribute("class"));
        Assert.Contains("dep-served", map.QuerySelector("path[data-code='59']")!.GetAttribute("class"));
        Assert.DoesNotContain("dep-served", map.QuerySelector("path[data-code='2A']")!.GetAttribute("class"));
        foreach (var code in DepartementCodes.Overseas.Select(d => d.Code))
        {
            Assert.NotNull(map.QuerySelector($"rect[data-code='{code}']"));
        }
        Assert.Contains("CC BY 4.0", page.QuerySelector("figure#carte-staff figcaption")!.TextContent);
        var pasDeCalais = page.QuerySelector("table#carte-staff-table tr[data-code='62']")!;
        Assert.Contains("Lens", pasDeCalais.TextContent);
        Assert.Contains("Boulogne-sur-Mer", pasDeCalais.TextContent);
        var servedCodes = await app.Factory.WithDbAsync(async db => (await db.Towns.Where(t => db.WaveTowns.Any(w => w.TownId == t.Id)).Select(t => t.InseeCode).ToListAsync())
            .Select(DepartementCodes.CodeOf).Distinct().Order(StringComparer.Ordinal).ToList());
        Assert.Equal(servedCodes, page.QuerySelectorAll("table#carte-staff-table tbody tr[data-code]").Select(r => r.GetAttribute("data-code")!).Order(StringComparer.Ordinal));
        Assert.Equal(servedCodes, map.QuerySelectorAll(".dep-served").Select(p => p.GetAttribute("data-code")!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Public_figures_page_linked_from_home_shows_the_dashboard_totals_per_wave_and_the_map()
    {
        var visitor = app.Factory.CreateClient();
        var home = await visitor.GetDocumentAsync("/");
        Assert.Equal("/Figures", home.QuerySelector("#public-figures-link a")!.GetAttribute("href"));

        var page = await visitor.GetDocumentAsync("/Figures");
        var figures = await ComputeAsync();
        var totals = page.QuerySelector("#public-totals")!;
        Assert.Equal(
            (figures.Programme.Towns.ToString(), figures.Programme.Shipped.ToString(), figures.Programme.HandedOut.ToString(), figures.Programme.ChildrenReached.ToString()),
            (totals.QuerySelector("[data-figure='towns']")!.GetAttribute("data-value"), totals.QuerySelector("[data-figure='shipped']")!.GetAttribute("data-value"),
             totals.QuerySelector("[data-figure='handed-out']")!.GetAttribute("data-value"), totals.QuerySelector("[data-figure='children']")!.GetAttribute("data-value")));
        Assert.True(figures.Programme.HandedOut > 0);
        var a = figures.Waves.Single(w => w.WaveId == app.WaveA.WaveId);
        var row = page.QuerySelector($"table#public-waves tr[data-wave-number='{a.Number}']")!;
        Assert.Equal((a.Towns.ToString(), a.Shipped.ToString(), a.HandedOut.ToString(), a.ChildrenReached.ToString()),
            (row.QuerySelector("[data-figure='towns']")!.GetAttribute("data-value"), row.QuerySelector("[data-figure='shipped']")!.GetAttribute("data-value"),
             row.QuerySelector("[data-figure='handed-out']")!.GetAttribute("data-value"), row.QuerySelector("[data-figure='children']")!.GetAttribute("data-value")));
        Assert.Equal("public-waves", page.QuerySelector("canvas#chart-public-waves")!.GetAttribute("data-chart-table"));
        Assert.Contains("dep-served", page.QuerySelector("figure#carte-publique path[data-code='59']")!.GetAttribute("class"));
        Assert.Contains("Victor Cazanave", page.QuerySelector("figure#carte-publique figcaption")!.TextContent);
    }

    [Fact]
    public async Task Public_figures_page_quotes_only_consented_approved_testimonials_and_no_ones_personal_data()
    {
        var html = await (await app.Factory.CreateClient().GetAsync("/Figures")).Content.ReadAsStringAsync();
        var page = await app.Factory.CreateClient().GetDocumentAsync("/Figures");

        var quotes = page.QuerySelectorAll("#testimonials blockquote").Select(q => q.TextContent.Trim()).ToList();
        Assert.Equal(new[] { DashboardTestimonials.Public }, quotes);
        Assert.Contains("Lens", page.QuerySelector("#testimonials figcaption")!.TextContent);
        foreach (var hidden in new[] { DashboardTestimonials.Pending, DashboardTestimonials.WithoutConsent, DashboardTestimonials.Rejected })
        {
            Assert.DoesNotContain(hidden, html);
        }

        // No person's name or address: neither the accounts nor any contact of any town (troïka, coordinator).
        var personal = await app.Factory.WithDbAsync(async db =>
        {
            var users = await db.Users.AsNoTracking().Select(u => new { u.Email, u.DisplayName }).ToListAsync();
            var towns = await db.Towns.AsNoTracking().ToListAsync();
            return users.SelectMany(u => new[] { u.Email, u.DisplayName })
                .Concat(towns.SelectMany(t => new[] { t.Principal, t.DeputyDirectorGeneral, t.PrefectDelegate, t.CoordinatorContact })
                    .SelectMany(c => new[] { c.Name, c.Email, c.Phone }))
                .Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).Distinct().ToList();
        });
        Assert.Contains(personal, v => v.Contains('@')); // the check below has something to find
        Assert.All(personal, v => Assert.DoesNotContain(v, html, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotMatch(new Regex(@"[\w.+-]+@[\w-]+\.[\w.]+"), page.Body!.TextContent);
        Assert.DoesNotContain(page.QuerySelectorAll("a[href]"), l => l.GetAttribute("href")!.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Public_figures_are_computed_once_for_concurrent_visitors_and_then_read_from_memory()
    {
        using var memory = new MemoryCache(new MemoryCacheOptions());
        var cache = new PublicFiguresCache(memory, app.Factory.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new ReportingOptions { PublicCacheSeconds = 600 }));

        var spike = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => cache.GetAsync())));
        Assert.All(spike, s => Assert.Same(spike[0], s));
        Assert.Equal(1, memory.Count);
        Assert.Same(spike[0], await cache.GetAsync());
        var figures = await ComputeAsync();
        Assert.Equal(figures.Programme.ChildrenReached, spike[0].ChildrenReached);
    }
}
