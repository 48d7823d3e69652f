using System.Collections.Concurrent;
using System.Net;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Data;
using MilleLivres.Core.PersonalData;
using MilleLivres.Tests.Applications;
using MilleLivres.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MilleLivres.Tests.PersonalData;

/// <summary>The seeded app with a fake clock, extra settings and every log line captured.</summary>
public class PrivacyFactory(IDictionary<string, string?>? settings = null, string environment = "Testing") : AppFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public LogCapture Logs { get; } = new();

    protected override IDictionary<string, string?> ExtraSettings
    {
        get
        {
            var all = new Dictionary<string, string?> { ["Applications:SubmissionsPerWindow"] = "1000" };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                all[key] = value;
            }
            return all;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task<AnonymisationRecord> RunRetentionAsync() =>
        WithScopeAsync(sp => sp.GetRequiredService<RetentionService>().RunAsync());

    /// <summary>Moves the fake clock to a moment.</summary>
    public void SetNow(DateTimeOffset at) => Clock.SetUtcNow(at);
}

/// <summary>Keeps every log line: the formatted message, each structured value and any exception.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" | ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>What the tests need to arrange and to look for.</summary>
public static class PrivacyFlows
{
    /// <summary>Applies through the public form, and returns the new application's id.</summary>
    public static async Task<int> ApplyAsync(AppFactory factory, string town, string insee, IDictionary<string, string> overrides)
    {
        var statusUrl = await ApplyForm.SubmitAsync(factory.CreateBrowserLikeClient(), ApplyForm.Valid(town, insee, overrides));
        var hash = SecretToken.Hash(statusUrl.Split('/').Last());
        return await factory.WithDbAsync(db => db.ApplicationStatusLinks.Where(l => l.TokenHash == hash).Select(l => l.TownApplicationId).SingleAsync());
    }

    public static Task<HttpResponseMessage> DecideAsync(HttpClient staff, int id, string decision, string reason) =>
        staff.SubmitFormAsync($"/Staff/Applications/Details/{id}", new Dictionary<string, string> { ["Input.Decision"] = decision, ["Input.Reason"] = reason }, "#decision-form");

    /// <summary>
    /// Accepts the application (into the wave being planned) and returns the coordinator's invitation path, read from
    /// the invitation mail the sender writes in the pickup folder (staff no longer see the link: ADR 0601).
    /// </summary>
    public static async Task<string> AcceptAsync(AppFactory factory, HttpClient staff, int id, string reason = "Dossier complet.")
    {
        var response = await DecideAsync(staff, id, "accept", reason);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var coordinator = await factory.WithDbAsync(db => db.TownApplications.Where(a => a.Id == id).Select(a => a.Coordinator.Email).SingleAsync());
        return await Mail.EmlFiles.LinkAsync(factory, coordinator!, "/Account/Invitation/");
    }

    public static async Task CreateAccountAsync(AppFactory factory, string invitationUrl, string password)
    {
        var response = await factory.CreateBrowserLikeClient().SubmitFormAsync(invitationUrl, new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Every place a text appears in the database: each text column of each table (read from SQLite itself, so a
    /// table the tests do not know about is searched too), case-insensitively.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WhereTextAppearsAsync(AppFactory factory, string text)
    {
        return await factory.WithDbAsync(async db =>
        {
            var found = new List<string>();
            var columns = await Anonymiser.TextColumnsAsync(db);
            Assert.Contains(columns, c => c.Table == "AuditEntries" && c.Column == "Changes");
            Assert.Contains(columns, c => c.Table == "OutboxEmails" && c.Column == "Recipient");
            Assert.Contains(columns, c => c.Table == "AspNetUsers" && c.Column == "NormalizedEmail");
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            foreach (var (table, column) in columns)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT count(*) FROM \"{table}\" WHERE instr(lower(CAST(\"{column}\" AS TEXT)), lower(@t)) > 0";
                command.Parameters.AddWithValue("@t", text);
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}.{column}");
                }
            }
            return (IReadOnlyList<string>)found;
        });
    }

    /// <summary>The programme's figures: they must not move when personal data is anonymised.</summary>
    public static Task<string> FiguresAsync(AppFactory factory) => factory.WithDbAsync(async db =>
    {
        var applicationChildren = await db.Set<ApplicationChildrenCount>().SumAsync(c => c.Children);
        var townChildren = await db.TownChildrenCounts.SumAsync(c => c.Children);
        var waveTowns = await db.WaveTowns.CountAsync();
        var towns = string.Join(",", await db.Towns.OrderBy(t => t.Id).Select(t => t.Name + ":" + t.Status + ":" + t.Quota).ToListAsync());
        var applications = string.Join(",", await db.TownApplications.OrderBy(a => a.Id).Select(a => a.TownName + ":" + a.Status + ":" + a.WaveId).ToListAsync());
        var mails = await db.OutboxEmails.CountAsync();
        return $"{applicationChildren}|{townChildren}|{waveTowns}|{towns}|{applications}|{mails}";
    });
}
