using MilleLivres.Core.Dispatch;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Receipt;

namespace MilleLivres.Core.Packing;

/// <summary>
/// One carton of a town's delivery in a wave: number k of n, and a code unique across the programme that is printed
/// on its label and in the QR code of its receipt address. Made from the town's confirmed allocation by
/// <see cref="CartonPlanner"/>; replaced as a whole (with new codes) when that allocation changes.
/// The town records its receipt on the carton (<see cref="ConfirmReceipt"/>, <see cref="ReportDifferences"/>,
/// <see cref="MarkNotReceived"/>); <see cref="ReceiptRevision"/> is a concurrency token, so two writers of the same
/// receipt cannot both commit.
/// </summary>
public class Carton : IAudited
{
    private readonly List<CartonLine> _lines = [];
    private readonly List<ReceiptDifference> _differences = [];

    private Carton()
    {
    }

    public Carton(int waveId, int townId, int number, int count, string code, DateTime createdAtUtc)
    {
        if (number < 1 || number > count)
        {
            throw new DomainException($"Le numéro de carton doit être entre 1 et {count}.", nameof(Number));
        }
        if (!CartonCode.IsValid(code))
        {
            throw new DomainException($"« {code} » n'est pas un code de carton valide.", nameof(Code));
        }
        WaveId = waveId;
        TownId = townId;
        Number = number;
        Count = count;
        Code = CartonCode.Normalize(code);
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public int TownId { get; private set; }

    /// <summary>k in "carton k / n", 1-based within the town and wave.</summary>
    public int Number { get; private set; }

    /// <summary>n in "carton k / n": how many cartons the town receives in this wave.</summary>
    public int Count { get; private set; }

    /// <summary>Six characters, normalised (no dash): see <see cref="CartonCode"/>.</summary>
    public string Code { get; private set; } = string.Empty;

    public DateTime CreatedAtUtc { get; private set; }

    public IReadOnlyCollection<CartonLine> Lines => _lines;

    public int Quantity => _lines.Sum(l => l.Quantity);

    public CartonReceiptState ReceiptState { get; private set; } = CartonReceiptState.Awaiting;

    /// <summary>The day the town says the carton arrived (or, when not received, the day it said so).</summary>
    public DateOnly? ReceivedOn { get; private set; }

    /// <summary>When the last receipt change was recorded, and by whom.</summary>
    public DateTime? ReceiptRecordedAtUtc { get; private set; }
    public string? ReceiptRecordedBy { get; private set; }

    /// <summary>When the receipt was first recorded: the coordinator's correction window counts from here.</summary>
    public DateTime? FirstReceiptAtUtc { get; private set; }

    /// <summary>Bumped by every receipt change; a concurrency token.</summary>
    public int ReceiptRevision { get; private set; }

    public IReadOnlyCollection<ReceiptDifference> Differences => _differences;

    /// <summary>
    /// Set on a replacement carton when it is made: the difference whose copies it carries. Marks it as a replacement
    /// (not part of the planned set, leaves on its own).
    /// </summary>
    public int? ReplacesDifferenceId { get; private set; }

    /// <summary>A replacement carton's own dispatch day, set when staff dispatch it (the others leave with their town's shipment).</summary>
    public DateOnly? DispatchedOn { get; private set; }

    /// <summary>A replacement carton's expected delivery day, carrier and tracking number, and who dispatched it.</summary>
    public DateOnly? ExpectedOn { get; private set; }
    public string? Carrier { get; private set; }
    public string? TrackingNumber { get; private set; }
    public string? DispatchedBy { get; private set; }

    public bool IsReplacement => ReplacesDifferenceId is not null;

    /// <summary>A replacement carton made but not dispatched yet: it cannot be received, and « confirm all » leaves it out.</summary>
    public bool AwaitsOwnDispatch => IsReplacement && DispatchedOn is null;

    public bool IsReceived => ReceiptState != CartonReceiptState.Awaiting;

    /// <summary>
    /// A carton carrying the copies of difference <paramref name="differenceId"/> again: number <paramref name="number"/>
    /// of the town's cartons, with its own code. It waits for staff to dispatch it (<see cref="DispatchReplacement"/>).
    /// </summary>
    public static Carton Replacement(int waveId, int townId, int number, string code, DateTime createdAtUtc, int differenceId) =>
        new(waveId, townId, number, number, code, createdAtUtc) { ReplacesDifferenceId = differenceId };

    /// <summary>
    /// Staff dispatch a replacement carton, like a town's shipment: dispatch and expected days, carrier, tracking. Only
    /// a replacement carton, once, and only when its own slip is ready.
    /// </summary>
    public void DispatchReplacement(DispatchDetails details, bool slipReady, DateOnly today, string dispatchedBy)
    {
        ArgumentNullException.ThrowIfNull(details);
        var label = $"Le carton de remplacement {CartonCode.Display(Code)}";
        if (!IsReplacement)
        {
            throw new DispatchNotReadyException($"Le carton {CartonCode.Display(Code)} part avec l'expédition de sa ville, pas seul.");
        }
        if (DispatchedOn is not null)
        {
            throw new AlreadyDispatchedException($"{label} est déjà expédié (le {DispatchedOn:dd/MM/yyyy}).");
        }
        if (!slipReady)
        {
            throw new DispatchNotReadyException($"{label} n'a pas encore son bordereau : attendez qu'il soit produit, puis expédiez-le.");
        }
        var (carrier, tracking) = Shipment.Validate(details, today);
        DispatchedOn = details.DispatchedOn;
        ExpectedOn = details.ExpectedOn;
        Carrier = carrier;
        TrackingNumber = tracking;
        DispatchedBy = dispatchedBy;
    }

    /// <summary>"Tout est conforme". False when the carton is already received as conforming on that day (a double tap).</summary>
    public bool ConfirmReceipt(ReceiptContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReceiptState == CartonReceiptState.Conforming && ReceivedOn == context.ReceivedOn)
        {
            return false;
        }
        EnsureCanRecord(context);
        _differences.Clear();
        Record(CartonReceiptState.Conforming, context);
        return true;
    }

    /// <summary>
    /// Received with differences: the lines reported replace any earlier report. Lines at 0 are left out. False when the
    /// same report is already recorded (a double tap).
    /// </summary>
    public bool ReportDifferences(IReadOnlyList<DifferenceInput> lines, ReceiptContext context)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(context);
        var reported = ValidateDifferences(lines);
        if (ReceiptState == CartonReceiptState.WithDifferences && ReceivedOn == context.ReceivedOn
            && reported.Count == _differences.Count && reported.All(r => _differences.Any(d => d.SameAs(r))))
        {
            return false;
        }
        EnsureCanRecord(context);
        _differences.Clear();
        foreach (var r in reported)
        {
            var line = _lines.Single(l => l.Id == r.CartonLineId);
            _differences.Add(new ReceiptDifference(line.Id, line.TitleId, line.AgeBandId, r.Quantity, r.Reason, r.Comment, context.NowUtc, context.By));
        }
        Record(CartonReceiptState.WithDifferences, context);
        return true;
    }

    /// <summary>
    /// The carton never arrived: every line is missing in full (so staff can replace or write it off like any
    /// difference). False when it is already marked so.
    /// </summary>
    public bool MarkNotReceived(ReceiptContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ReceiptState == CartonReceiptState.NotReceived)
        {
            return false;
        }
        EnsureCanRecord(context);
        _differences.Clear();
        foreach (var line in _lines)
        {
            _differences.Add(new ReceiptDifference(line.Id, line.TitleId, line.AgeBandId, line.Quantity, DifferenceReason.Missing,
                "Carton non reçu", context.NowUtc, context.By));
        }
        Record(CartonReceiptState.NotReceived, context);
        return true;
    }

    private void EnsureCanRecord(ReceiptContext c)
    {
        if (c.DispatchedOn is not { } dispatchedOn)
        {
            throw new CartonNotDispatchedException(
                $"Le carton {Number} / {Count} n'est pas encore expédié : sa réception ne peut pas être enregistrée.");
        }
        if (c.ReceivedOn < dispatchedOn)
        {
            throw new ImplausibleReceiptDateException(
                $"La date de réception ne peut pas précéder l'expédition ({dispatchedOn:dd/MM/yyyy}).");
        }
        if (c.ReceivedOn > c.Today)
        {
            throw new ImplausibleReceiptDateException(
                $"La date de réception ne peut pas être dans le futur (aujourd'hui : {c.Today:dd/MM/yyyy}).");
        }
        if (!IsReceived)
        {
            return;
        }
        if (_differences.Any(d => !d.IsOpen))
        {
            throw new ReceiptLockedException(
                $"Un écart du carton {Number} / {Count} a déjà été traité par l'équipe Biblionef : sa réception ne peut plus être modifiée.");
        }
        if (!c.ByStaff && FirstReceiptAtUtc is { } first && c.NowUtc > first.AddDays(c.CoordinatorCorrectionDays))
        {
            throw new ReceiptCorrectionClosedException(
                $"La réception du carton {Number} / {Count} a été enregistrée le {first:dd/MM/yyyy} : passé {c.CoordinatorCorrectionDays} jours, seule l'équipe Biblionef peut la corriger.");
        }
    }

    private List<DifferenceInput> ValidateDifferences(IReadOnlyList<DifferenceInput> lines)
    {
        var reported = new List<DifferenceInput>();
        var seen = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var input = lines[i];
            var line = _lines.FirstOrDefault(l => l.Id == input.CartonLineId)
                ?? throw new InvalidDifferenceException("Cette ligne ne fait pas partie du carton.", $"Lines[{i}].Quantity");
            if (!seen.Add(line.Id))
            {
                throw new InvalidDifferenceException("Cette ligne est indiquée deux fois.", $"Lines[{i}].Quantity");
            }
            if (input.Quantity < 0)
            {
                throw new DifferenceQuantityException("Le nombre d'exemplaires ne peut pas être négatif.", $"Lines[{i}].Quantity");
            }
            if (input.Quantity > line.Quantity)
            {
                throw new DifferenceQuantityException(
                    $"Au plus {line.Quantity} exemplaire(s) : c'est ce que contient cette ligne du carton.", $"Lines[{i}].Quantity");
            }
            if (input.Quantity == 0)
            {
                continue;
            }
            if (!Enum.IsDefined(input.Reason))
            {
                throw new InvalidDifferenceException("Choisissez un motif dans la liste.", $"Lines[{i}].Reason");
            }
            var comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
            if (comment?.Length > ReceiptDifference.CommentMaxLength)
            {
                throw new InvalidDifferenceException(
                    $"Le commentaire ne peut dépasser {ReceiptDifference.CommentMaxLength} caractères.", $"Lines[{i}].Comment");
            }
            reported.Add(input with { Comment = comment });
        }
        if (reported.Count == 0)
        {
            throw new NoDifferenceReportedException();
        }
        return reported;
    }

    private void Record(CartonReceiptState state, ReceiptContext c)
    {
        ReceiptState = state;
        ReceivedOn = c.ReceivedOn;
        ReceiptRecordedAtUtc = c.NowUtc;
        ReceiptRecordedBy = c.By;
        FirstReceiptAtUtc ??= c.NowUtc;
        ReceiptRevision++;
    }

    public void AddLine(int titleId, int ageBandId, int quantity)
    {
        if (quantity < 1)
        {
            throw new DomainException("La quantité d'une ligne de carton doit être au moins 1.", nameof(CartonLine.Quantity));
        }
        var existing = _lines.FirstOrDefault(l => l.TitleId == titleId && l.AgeBandId == ageBandId);
        if (existing is not null)
        {
            existing.Add(quantity);
            return;
        }
        _lines.Add(new CartonLine(titleId, ageBandId, quantity));
    }
}

/// <summary>Copies of one title in one carton, counted towards one age band (that of the allocation line).</summary>
public class CartonLine
{
    private CartonLine()
    {
    }

    internal CartonLine(int titleId, int ageBandId, int quantity)
    {
        TitleId = titleId;
        AgeBandId = ageBandId;
        Quantity = quantity;
    }

    public int Id { get; private set; }
    public int CartonId { get; private set; }
    public int TitleId { get; private set; }
    public int AgeBandId { get; private set; }
    public int Quantity { get; private set; }

    internal void Add(int quantity) => Quantity += quantity;
}
