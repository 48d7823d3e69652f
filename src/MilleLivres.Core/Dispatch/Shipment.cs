using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Dispatch;

/// <summary>What staff enter when cartons leave: the day, the expected delivery day, and optionally carrier and tracking.</summary>
public sealed record DispatchDetails(DateOnly DispatchedOn, DateOnly ExpectedOn, string? Carrier, string? TrackingNumber);

/// <summary>
/// A town's delivery in a wave (expédition): its cartons left on <see cref="DispatchedOn"/> and should arrive on
/// <see cref="ExpectedOn"/>. One per (wave, town). Receipt (issue 14) sets <see cref="ReceivedOn"/>, after which the
/// shipment no longer changes.
/// </summary>
public class Shipment : IAudited
{
    public const int CarrierMaxLength = 100;
    public const int TrackingNumberMaxLength = 100;

    /// <summary>The default expected delivery: three working days after dispatch.</summary>
    public const int DefaultTransitWorkingDays = 3;

    /// <summary>How far from today a dispatch date may be (a typo such as 2062 is refused).</summary>
    public const int MaxDispatchDaysFromToday = 60;

    /// <summary>Longest plausible transit.</summary>
    public const int MaxTransitDays = 90;

    private Shipment()
    {
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public int TownId { get; private set; }
    public DateOnly DispatchedOn { get; private set; }
    public DateOnly ExpectedOn { get; private set; }

    /// <summary>The expected day before the last change, for the "votre livraison a changé" mail.</summary>
    public DateOnly? PreviousExpectedOn { get; private set; }
    /// <summary>How many times the expected day moved: the SEQUENCE of the .ics event.</summary>
    public int ExpectedDateChanges { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public DateTime DispatchedAtUtc { get; private set; }
    public string DispatchedBy { get; private set; } = string.Empty;

    /// <summary>The day the town confirmed receipt. Set by the receipt feature; null until then.</summary>
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>Staff paused the reminders of this delivery (e.g. the town warned of a closure).</summary>
    public bool RemindersPaused { get; private set; }

    public bool IsReceived => ReceivedOn is not null;

    /// <summary>
    /// Dispatches one town of a wave. The wave must be packed (every slip ready and the wave marked « colis prêts »),
    /// the town must be in it with its slip ready, and not dispatched yet.
    /// </summary>
    public static Shipment Dispatch(Wave wave, int townId, bool slipReady, bool alreadyDispatched, DispatchDetails details,
        DateOnly today, DateTime nowUtc, string dispatchedBy)
    {
        ArgumentNullException.ThrowIfNull(wave);
        ArgumentNullException.ThrowIfNull(details);
        var town = wave.Towns.FirstOrDefault(t => t.TownId == townId)
            ?? throw new DispatchNotReadyException("Cette ville ne fait pas partie de la vague.", "TownId");
        var townName = town.Town?.Name ?? "Cette ville";
        if (alreadyDispatched || wave.Status is WaveStatus.Dispatched or WaveStatus.Delivered or WaveStatus.Closed)
        {
            throw new AlreadyDispatchedException($"Les cartons de {townName} pour la vague {wave.Number} sont déjà expédiés.");
        }
        if (wave.Status != WaveStatus.Packed)
        {
            throw new DispatchNotReadyException(
                $"La vague {wave.Number} est « {WaveStatusText.Of(wave.Status)} » : on ne peut expédier qu'une vague dont les colis sont prêts.");
        }
        if (!slipReady)
        {
            throw new DispatchNotReadyException($"Le bordereau de colisage de {townName} n'est pas prêt : produisez-le avant d'expédier.", "TownId");
        }
        var (carrier, tracking) = Validate(details, today);
        return new Shipment
        {
            WaveId = wave.Id,
            TownId = townId,
            DispatchedOn = details.DispatchedOn,
            ExpectedOn = details.ExpectedOn,
            Carrier = carrier,
            TrackingNumber = tracking,
            DispatchedAtUtc = nowUtc,
            DispatchedBy = dispatchedBy,
        };
    }

    /// <summary>Moves the expected delivery day. False when it is the same day (nothing changes, no mail).</summary>
    public bool ChangeExpectedDate(DateOnly expectedOn)
    {
        if (IsReceived)
        {
            throw new ShipmentAlreadyReceivedException(
                $"La réception a été confirmée le {ReceivedOn:dd/MM/yyyy} : la date de livraison ne peut plus changer.");
        }
        if (expectedOn == ExpectedOn)
        {
            return false;
        }
        CheckExpected(DispatchedOn, expectedOn);
        PreviousExpectedOn = ExpectedOn;
        ExpectedOn = expectedOn;
        ExpectedDateChanges++;
        return true;
    }

    /// <summary>Seam for the receipt feature: the town confirmed the delivery.</summary>
    public void MarkReceived(DateOnly on)
    {
        if (IsReceived)
        {
            return;
        }
        if (on < DispatchedOn)
        {
            throw new ImplausibleShipmentDateException("La date de réception ne peut pas précéder la date d'expédition.", nameof(ReceivedOn));
        }
        ReceivedOn = on;
    }

    public void PauseReminders() => RemindersPaused = true;

    public void ResumeReminders() => RemindersPaused = false;

    /// <summary>The checks of every dispatch (a town's shipment or a replacement carton); returns carrier and tracking cleaned.</summary>
    internal static (string? Carrier, string? Tracking) Validate(DispatchDetails d, DateOnly today)
    {
        if (Math.Abs(d.DispatchedOn.DayNumber - today.DayNumber) > MaxDispatchDaysFromToday)
        {
            throw new ImplausibleShipmentDateException(
                $"La date d'expédition doit être à moins de {MaxDispatchDaysFromToday} jours d'aujourd'hui ({today:dd/MM/yyyy}).", nameof(DispatchedOn));
        }
        CheckExpected(d.DispatchedOn, d.ExpectedOn);
        var carrier = Clean(d.Carrier);
        if (carrier?.Length > CarrierMaxLength)
        {
            throw new DomainException($"Le transporteur ne peut dépasser {CarrierMaxLength} caractères.", nameof(Carrier));
        }
        var tracking = Clean(d.TrackingNumber);
        if (tracking?.Length > TrackingNumberMaxLength)
        {
            throw new DomainException($"Le numéro de suivi ne peut dépasser {TrackingNumberMaxLength} caractères.", nameof(TrackingNumber));
        }
        return (carrier, tracking);
    }

    private static void CheckExpected(DateOnly dispatchedOn, DateOnly expectedOn)
    {
        if (expectedOn < dispatchedOn)
        {
            throw new ImplausibleShipmentDateException(
                $"La livraison prévue ne peut pas précéder l'expédition ({dispatchedOn:dd/MM/yyyy}).", nameof(ExpectedOn));
        }
        if (expectedOn.DayNumber - dispatchedOn.DayNumber > MaxTransitDays)
        {
            throw new ImplausibleShipmentDateException(
                $"La livraison prévue doit être au plus {MaxTransitDays} jours après l'expédition.", nameof(ExpectedOn));
        }
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
