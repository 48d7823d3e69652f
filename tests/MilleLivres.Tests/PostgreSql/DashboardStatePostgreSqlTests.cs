using MilleLivres.Core.Applications;
using MilleLivres.Core.Receipt;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PostgreSql;

/// <summary>The figures' one state statement (ADR 0826) runs on PostgreSQL as on SQLite, with the model's names and values.</summary>
public class DashboardStatePostgreSqlTests(SeededPostgresApp app) : IClassFixture<SeededPostgresApp>
{
    [Fact]
    public async Task Attention_counts_and_reminders_read_in_one_statement_agree_with_the_rows_on_postgresql()
    {
        async Task<ProgrammeFigures.Dashboard> ComputeAsync()
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ProgrammeFigures>().ComputeAsync();
        }
        var before = await ComputeAsync();
        var remindersBefore = await app.Factory.WithDbAsync(db => db.OutboxEmails.CountAsync(m =>
            (m.Kind == OutboxEmailKind.ReceiptReminder || m.Kind == OutboxEmailKind.DistributionReminder) && m.WaveId != null && m.TownId != null));
        Assert.Equal(remindersBefore > 0, before.HasReminders);

        var (waveId, townId) = await app.Factory.WithDbAsync(async db => (
            await db.Waves.OrderBy(w => w.Id).Select(w => w.Id).FirstAsync(),
            await db.Towns.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync()));
        await app.Factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var failed = new OutboxEmail(OutboxEmailKind.ApplicationStatusLink, "ville@example.org", now);
            failed.MarkFailed("550 boîte inconnue");
            db.OutboxEmails.Add(failed);
            // Written as already sent and already failed, so that neither the mail sender nor the work runner takes them.
            var reminder = OutboxEmail.About(OutboxEmailKind.ReceiptReminder, "ville@example.org", null, now, townId, waveId, null);
            db.OutboxEmails.Add(reminder);
            db.Entry(reminder).Property(m => m.Status).CurrentValue = OutboxEmailStatus.Sent;
            var work = new WorkItem(WaveReportWork.WorkKind, "etat-postgresql", $"rapport:wave:{waveId}", "{}", now);
            db.WorkItems.Add(work);
            db.Entry(work).Property(w => w.Status).CurrentValue = WorkStatus.Failed;
            await db.SaveChangesAsync();
        });

        var after = await ComputeAsync();
        var expected = await app.Factory.WithDbAsync(async db => (
            Differences: await db.ReceiptDifferences.CountAsync(d => d.Resolution == DifferenceResolution.Open),
            Mails: await db.OutboxEmails.CountAsync(m => m.Status == OutboxEmailStatus.Failed),
            Reminders: await db.OutboxEmails.CountAsync(m => (m.Kind == OutboxEmailKind.ReceiptReminder || m.Kind == OutboxEmailKind.DistributionReminder) && m.WaveId != null && m.TownId != null),
            Work: await db.WorkItems.CountAsync(w => w.Status == WorkStatus.Failed)));
        Assert.Equal(before.Attention.FailedMails + 1, after.Attention.FailedMails);
        Assert.Equal(expected.Mails, after.Attention.FailedMails);
        Assert.Equal(expected.Differences, after.Attention.OpenDifferences);
        Assert.True(expected.Reminders > 0);
        Assert.True(after.HasReminders);
        Assert.Equal(expected.Work, after.Attention.FailedWorkCount);
        var report = Assert.Single(after.Attention.FailedWork, w => w.Kind == WaveReportWork.WorkKind && w.WaveId == waveId);
        Assert.True(report.Count >= 1);
    }
}
