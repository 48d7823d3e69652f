using AngleSharp.Html.Dom;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Tests.Reporting;

public partial class ProgrammeFiguresTests
{
    /// <summary>
    /// The attention counts are read fresh by the one state statement on every request (ADR 0826), while the rest of the
    /// page is served from memory: a mail that fails, work that fails and a difference that opens again, none of them
    /// audited, show at the very next request.
    /// </summary>
    [Fact]
    public async Task Staff_home_served_from_memory_shows_a_failed_mail_failed_work_and_an_open_difference_at_the_next_request()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        await client.GetDocumentAsync("/Staff");
        var before = await client.GetDocumentAsync("/Staff");
        static int Count(IHtmlDocument page, string selector) => int.Parse(page.QuerySelector($"{selector} .count")!.TextContent.Replace("\u202f", "").Replace("\u00a0", ""));
        static int Work(IHtmlDocument page) => page.QuerySelectorAll("#attention li.attention-work").Length;

        var (mail, difference, work) = await app.Factory.WithDbAsync(async db => (
            await db.OutboxEmails.Where(m => m.Status == OutboxEmailStatus.Sent).OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(),
            await db.ReceiptDifferences.Where(d => d.Resolution == DifferenceResolution.WrittenOff).Select(d => d.Id).FirstAsync(),
            await db.WorkItems.Where(w => w.Status == WorkStatus.Done && w.Kind != Core.Packing.PackingSlipWork.WorkKind).OrderBy(w => w.Id).Select(w => w.Id).FirstAsync()));
        // Bulk updates, as the mail sender and the job runner write them: no audit row.
        Task SetAsync(OutboxEmailStatus mailStatus, DifferenceResolution resolution, WorkStatus workStatus) =>
            app.Factory.WithDbAsync(async db =>
            {
                await db.OutboxEmails.Where(m => m.Id == mail).ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, mailStatus));
                await db.ReceiptDifferences.Where(d => d.Id == difference).ExecuteUpdateAsync(s => s.SetProperty(d => d.Resolution, resolution));
                await db.WorkItems.Where(w => w.Id == work).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, workStatus));
            });
        try
        {
            await SetAsync(OutboxEmailStatus.Failed, DifferenceResolution.Open, WorkStatus.Failed);

            var after = await client.GetDocumentAsync("/Staff");
            Assert.Equal(Count(before, "#attention-mails") + 1, Count(after, "#attention-mails"));
            Assert.Equal(Count(before, "#attention-differences") + 1, Count(after, "#attention-differences"));
            Assert.Equal(Work(before) + 1, Work(after));
            // Nothing audited changed: the rest of the page, the map's URL included, is the copy kept in memory.
            Assert.Equal(before.QuerySelector("figure#carte-staff img")!.GetAttribute("src"), after.QuerySelector("figure#carte-staff img")!.GetAttribute("src"));
            Assert.Equal(before.QuerySelector("table#figures-waves")!.OuterHtml, after.QuerySelector("table#figures-waves")!.OuterHtml);
        }
        finally
        {
            await SetAsync(OutboxEmailStatus.Sent, DifferenceResolution.WrittenOff, WorkStatus.Done);
        }
        var restored = await client.GetDocumentAsync("/Staff");
        Assert.Equal(Count(before, "#attention-mails"), Count(restored, "#attention-mails"));
        Assert.Equal(Work(before), Work(restored));
    }

    /// <summary>
    /// The late towns table is kept under the figures' version and the reminders read fresh (ADR 0826): a reminder
    /// written after the table was kept, then its failure (neither audited), show at the next request.
    /// </summary>
    [Fact]
    public async Task Late_towns_table_kept_in_memory_shows_a_new_reminder_and_its_failure_at_the_next_request()
    {
        var client = await app.Factory.SignedInClientAsync(Http.StaffEmail);
        string Cell(IHtmlDocument page) => page.QuerySelector($"table#late-towns tr[data-town-id='{app.Maubeuge}'] [data-figure='last-reminder']")!.TextContent.Trim();
        await client.GetDocumentAsync("/Staff");
        var before = Cell(await client.GetDocumentAsync("/Staff"));
        var now = DateTime.UtcNow;
        var day = DateOnly.FromDateTime(now).ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"));
        var reminder = await app.Factory.WithDbAsync(async db =>
        {
            var mail = OutboxEmail.About(OutboxEmailKind.ReceiptReminder, "relance@example.invalid", null, now, app.Maubeuge, app.WaveB.WaveId, null);
            // Written as sent, so that the mail sender leaves it alone; failed by hand below.
            mail.MarkSent(now);
            db.OutboxEmails.Add(mail);
            await db.SaveChangesAsync();
            return mail.Id;
        });
        try
        {
            Assert.Equal($"réception, {day} (envoyée)", Cell(await client.GetDocumentAsync("/Staff")));
            await app.Factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == reminder)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxEmailStatus.Failed)));
            Assert.Equal($"réception, {day} (en échec)", Cell(await client.GetDocumentAsync("/Staff")));
        }
        finally
        {
            await app.Factory.WithDbAsync(db => db.OutboxEmails.Where(m => m.Id == reminder).ExecuteDeleteAsync());
        }
        Assert.Equal(before, Cell(await client.GetDocumentAsync("/Staff")));
    }
}
