using System.ComponentModel;
using Hangfire;
using MilleLivres.Core.Mail;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// Mail in the background: the sender runs right after a business change (<see cref="IMailScheduler.SendSoon"/>), at the
/// next retry time, and every minute as a safety net; reminders are computed once a day from the current state.
/// </summary>
public static class MailJobs
{
    public const string SenderJobId = "courriels-envoi";
    public const string ReceiptRemindersJobId = "relances-reception";

    public static IServiceCollection AddMailJobs(this IServiceCollection services)
    {
        services.AddSingleton<IMailScheduler, HangfireMailScheduler>();
        services.AddScoped<MailJob>();
        services.AddScoped<ReceiptRemindersJob>();
        // After DatabaseStartup (registered earlier): the tables exist when the rows are read.
        services.AddHostedService<MailStartup>();
        return services;
    }
}

public sealed class HangfireMailScheduler(IBackgroundJobClient jobs) : IMailScheduler
{
    public void SendSoon() => jobs.Enqueue<MailJob>(job => job.SendDueAsync(CancellationToken.None));

    public void SendAt(DateTime utc) =>
        jobs.Schedule<MailJob>(job => job.SendDueAsync(CancellationToken.None), new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));
}

/// <summary>The sender's job. Runs as often as it is asked: each run claims what is due, so two runs never send a row twice.</summary>
public sealed class MailJob(MailSender sender)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Envoi des courriels")]
    public Task SendDueAsync(CancellationToken cancellationToken) => sender.SendDueAsync(cancellationToken);
}

/// <summary>The daily reminders: receipt not confirmed, then distribution not recorded (each rule from the current state).</summary>
public sealed class ReceiptRemindersJob(ReceiptReminders reminders, DistributionReminders distributionReminders)
{
    [AutomaticRetry(Attempts = 0)]
    [DisplayName("Relances de réception et de distribution")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await reminders.RunAsync(cancellationToken);
        await distributionReminders.RunAsync(cancellationToken);
    }
}

internal sealed class MailStartup(IServiceProvider services, IRecurringJobManager recurring, IMailScheduler scheduler) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            // The job queue is in memory: mails left pending or half-sent by a stop are due again now.
            if (await scope.ServiceProvider.GetRequiredService<MailSender>().RecoverAsync(cancellationToken) > 0)
            {
                scheduler.SendSoon();
            }
        }
        recurring.AddOrUpdate<MailJob>(MailJobs.SenderJobId, job => job.SendDueAsync(CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ReceiptRemindersJob>(MailJobs.ReceiptRemindersJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(7),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
