using MilleLivres.Core.Data;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Reporting;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.EntityFrameworkCore;

namespace MilleLivres.Web.Pages.Staff;

/// <summary>The staff home: the programme's figures that reconcile, completeness, and what needs attention (ADR 0800).</summary>
public class IndexModel(AppDbContext db, ProgrammeFigures figures, DashboardFollowUp followUp, ServedMap servedMap, FranceMap map, IMemoryCache cache) : PageModel
{
    /// <summary>What the page reads besides the figures, from the same audited data: kept under the figures' version.</summary>
    private sealed record HomeData(int TownCount, IReadOnlyList<DashboardFollowUp.WaitingWave> WavesWaiting, ServedMap.Picture MapPicture);

    public int TownCount { get; private set; }
    public int WaveCount => Figures.Waves.Count;
    public int FailedMails => Figures.Attention.FailedMails;
    public IReadOnlyList<(int Id, int Number, string Name, WaveStatus Status, int Towns)> OpenWaves { get; private set; } = [];
    public ProgrammeFigures.Dashboard Figures { get; private set; } = null!;
    public IReadOnlyList<DashboardFollowUp.WaitingWave> WavesWaiting { get; private set; } = [];
    public IReadOnlyDictionary<(int WaveId, int TownId), DashboardFollowUp.Reminder> LastReminders { get; private set; } =
        new Dictionary<(int WaveId, int TownId), DashboardFollowUp.Reminder>();
    public IReadOnlyList<ServedDepartement> Departements => MapPicture.Departements;

    /// <summary>The map as its own resource, linked with its hash (ADR 0826).</summary>
    public ServedMap.Picture MapPicture { get; private set; } = null!;
    public FranceMap Map => map;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // One connection for the page's small reads (versions, attention counts, reminders): opening one per query
        // costs more than most of them (ADR 0825). Closed when the request's context is disposed.
        await db.Database.OpenConnectionAsync(ct);
        Figures = await figures.ComputeAsync(ct);
        // Towns, waves, cartons' receipts, distribution reports and wave towns are audited: the figures' version (ADR
        // 0824) changes with each of them, so these are read once per version (ADR 0825); the attention counts inside
        // Figures and the reminders' sending states are read fresh.
        var key = (nameof(IndexModel), Figures.Version);
        if (!cache.TryGetValue(key, out HomeData? home) || home is null)
        {
            home = new HomeData(await db.Towns.CountAsync(ct), await followUp.WavesWaitingAsync(ct), await servedMap.ForVersionAsync(Figures.Version, ct));
            cache.Set(key, home, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10), Size = 1 });
        }
        TownCount = home.TownCount;
        MapPicture = home.MapPicture;
        OpenWaves = Figures.Waves.Where(w => w.Status != WaveStatus.Closed)
            .Select(w => (w.WaveId!.Value, w.Number!.Value, w.Name, w.Status!.Value, w.Towns)).ToList();
        // Only waves waiting on staff, or on towns that have not done their part yet (ADR 0822).
        WavesWaiting = home.WavesWaiting
            .Where(w => w.Step is not (DashboardFollowUp.NextStep.AwaitReceipts or DashboardFollowUp.NextStep.AwaitDistributions) || w.TownsWaiting > 0)
            .ToList();
        // The reminders' sending states are not audited: read fresh, unless the state statement found none (ADR 0826).
        LastReminders = Figures.LateTowns.Count == 0 || !Figures.HasReminders ? LastReminders : await followUp.LastRemindersAsync(ct);
        LateTownsVersion = Figures.Version + "|" + Fingerprint(LastReminders);
    }

    /// <summary>
    /// What the late towns table is rendered from: the figures' version and the reminders just read (ADR 0826). The
    /// table is kept under it, so it is rendered again as soon as a reminder is written, sent or fails.
    /// </summary>
    public string LateTownsVersion { get; private set; } = "";

    private static string Fingerprint(IReadOnlyDictionary<(int WaveId, int TownId), DashboardFollowUp.Reminder> reminders)
    {
        if (reminders.Count == 0)
        {
            return "";
        }
        var text = new System.Text.StringBuilder();
        foreach (var r in reminders.Values.OrderBy(r => r.WaveId).ThenBy(r => r.TownId))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"{r.WaveId},{r.TownId},{r.Kind},{r.Status},{r.CreatedAtUtc.Ticks},{r.SentAtUtc?.Ticks};");
        }
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    public static string StepText(DashboardFollowUp.WaitingWave w) => w.Step switch
    {
        DashboardFollowUp.NextStep.AddTowns => "ajouter des villes",
        DashboardFollowUp.NextStep.Allocate => $"préparer la dotation ({w.Towns} ville(s))",
        DashboardFollowUp.NextStep.Pack => "produire les bordereaux et préparer les colis",
        DashboardFollowUp.NextStep.Dispatch => "enregistrer l'expédition",
        DashboardFollowUp.NextStep.AwaitReceipts => $"{w.TownsWaiting} ville(s) sur {w.Towns} n'ont pas encore confirmé la réception",
        _ => $"{w.TownsWaiting} ville(s) sur {w.Towns} n'ont pas encore saisi de distribution",
    };

    public static string ReminderText(DashboardFollowUp.Reminder? reminder, System.Globalization.CultureInfo culture)
    {
        if (reminder is null)
        {
            return "aucune";
        }
        var what = reminder.Kind == Core.Applications.OutboxEmailKind.ReceiptReminder ? "réception" : "distributions";
        var state = reminder.Status switch
        {
            Core.Applications.OutboxEmailStatus.Sent => "envoyée",
            Core.Applications.OutboxEmailStatus.Failed => "en échec",
            _ => "en attente d'envoi",
        };
        var day = DateOnly.FromDateTime(reminder.SentAtUtc ?? reminder.CreatedAtUtc);
        return $"{what}, {day.ToString("d MMMM yyyy", culture)} ({state})";
    }

    public static string WorkText(string kind) => kind switch
    {
        Core.Packing.PackingSlipWork.WorkKind => "bordereaux de colisage",
        Core.Receipt.ReplacementSlipWork.WorkKind => "bordereaux de remplacement",
        Core.Receipt.AcknowledgementWork.WorkKind => "accusés de réception",
        Core.Reporting.WaveReportWork.WorkKind => "rapport de vague",
        _ => kind,
    };
}
