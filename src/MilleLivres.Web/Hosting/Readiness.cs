using System.Text.Json;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.Options;
using MilleLivres.Core.Work;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MilleLivres.Web.Hosting;

/// <summary>
/// <c>/health</c> is liveness only (the process answers; no check runs). <c>/health/ready</c> runs the checks tagged
/// "ready": database, free disk in the data folder, age of the oldest pending mail and work row. French descriptions,
/// counts and ages only (no personal data), as JSON for a monitoring system; 503 when any check fails.
/// </summary>
public static class Readiness
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks) => checks
        .AddDbContextCheck<AppDbContext>("base de données", tags: [Tag])
        .AddCheck<FreeDiskCheck>("espace disque", tags: [Tag])
        .AddCheck<QueueAgeCheck>("files d'attente", tags: [Tag]);

    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Tag),
            ResponseWriter = WriteJsonAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
    }

    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new { name = e.Key, status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }
}

public sealed class FreeDiskCheck(IOptions<DatabaseOptions> database, IOptions<HealthOptions> health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var drive = new DriveInfo(database.Value.ResolvedDataDirectory);
        var freeMegabytes = drive.AvailableFreeSpace / (1024 * 1024);
        var data = new Dictionary<string, object> { ["libreMo"] = freeMegabytes, ["minimumMo"] = health.Value.MinFreeDiskMegabytes };
        return Task.FromResult(freeMegabytes >= health.Value.MinFreeDiskMegabytes
            ? HealthCheckResult.Healthy($"{freeMegabytes} Mo libres dans le dossier des données.", data)
            : HealthCheckResult.Unhealthy($"Seulement {freeMegabytes} Mo libres dans le dossier des données (minimum {health.Value.MinFreeDiskMegabytes} Mo).", data: data));
    }
}

public sealed class QueueAgeCheck(AppDbContext db, TimeProvider clock, IOptions<HealthOptions> health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var oldestMail = await db.OutboxEmails.AsNoTracking().Where(m => m.Status == OutboxEmailStatus.Pending)
            .OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var oldestWork = await db.WorkItems.AsNoTracking().Where(w => w.Status == WorkStatus.Pending || w.Status == WorkStatus.Running)
            .OrderBy(w => w.CreatedAtUtc).Select(w => (DateTime?)w.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
        var mailMinutes = oldestMail is { } m ? (int)(now - m).TotalMinutes : 0;
        var workMinutes = oldestWork is { } w ? (int)(now - w).TotalMinutes : 0;
        var data = new Dictionary<string, object> { ["courrielEnAttenteMinutes"] = mailMinutes, ["travailEnAttenteMinutes"] = workMinutes };
        var problems = new List<string>();
        if (mailMinutes > health.Value.MaxPendingMailMinutes)
        {
            problems.Add($"un courriel attend depuis {mailMinutes} min (maximum {health.Value.MaxPendingMailMinutes})");
        }
        if (workMinutes > health.Value.MaxPendingWorkMinutes)
        {
            problems.Add($"un travail attend depuis {workMinutes} min (maximum {health.Value.MaxPendingWorkMinutes})");
        }
        return problems.Count == 0
            ? HealthCheckResult.Healthy($"Plus ancien courriel en attente : {mailMinutes} min ; plus ancien travail en attente : {workMinutes} min.", data)
            : HealthCheckResult.Unhealthy(string.Join(" ; ", problems) + ".", data: data);
    }
}
