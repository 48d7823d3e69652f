using System.Linq.Expressions;

namespace MilleLivres.Core.Domain;

public enum WaveStatus
{
    Planning = 0,
    Allocated = 1,
    Packed = 2,
    Dispatched = 3,
    Delivered = 4,
    Closed = 5,
}

/// <summary>A delivery wave (vague de livraison): a set of towns served together.</summary>
public class Wave : IAudited
{
    public const int NameMaxLength = 120;
    private readonly List<WaveTown> _towns = [];

    private Wave()
    {
    }

    public Wave(int number, string name, DateOnly? plannedDeliveryOn = null)
    {
        Update(number, name, plannedDeliveryOn, null, null);
    }

    public int Id { get; private set; }
    public int Number { get; private set; }
    public string Name { get; private set; } = string.Empty;
    public DateOnly? PlannedDeliveryOn { get; private set; }
    public DateOnly? ActualDeliveryOn { get; private set; }
    public string? Notes { get; private set; }
    public WaveStatus Status { get; private set; } = WaveStatus.Planning;
    public IReadOnlyCollection<WaveTown> Towns => _towns;

    /// <summary>A wave is open until it is closed: a town can be in only one open wave at a time.</summary>
    public bool IsOpen => Status != WaveStatus.Closed;

    /// <summary>Still being prepared: towns, wishes and the allocation preview can change.</summary>
    public bool IsPlanning => Status == WaveStatus.Planning;

    /// <summary>
    /// The allocation is confirmed (or the wave went further): its cartons and packing slips may exist and be shown.
    /// As an expression too, so queries filter by the same rule (a coordinator never sees cartons of an unallocated wave).
    /// Written as "not in planning" (the one state before it), not with <c>&gt;=</c>: the status is stored as text, and
    /// SQL would compare the names alphabetically.
    /// </summary>
    public static readonly Expression<Func<Wave, bool>> HasConfirmedAllocationRule = w => w.Status != WaveStatus.Planning;

    private static readonly Func<Wave, bool> HasConfirmedAllocationCompiled = HasConfirmedAllocationRule.Compile();

    /// <summary>Packing slips (and the cartons behind them) can be produced once the allocation is confirmed.</summary>
    public bool CanProduceSlips => HasConfirmedAllocationCompiled(this);

    /// <summary>The allocation is reserved and not packed yet: its lines can be edited, and it can be undone.</summary>
    public bool AllocationEditable => Status == WaveStatus.Allocated;

    /// <summary>Packed or further: the cartons are physically made and can no longer be replaced.</summary>
    public bool CartonsFrozen => Status > WaveStatus.Allocated;

    /// <summary>Refuses, in French, to produce slips before the allocation is confirmed.</summary>
    public void EnsureSlipsCanBeProduced()
    {
        if (!CanProduceSlips)
        {
            throw new DomainException(
                $"La vague {Number} est « {WaveStatusText.Of(Status)} » : les bordereaux ne peuvent être produits qu'une fois les dotations réservées.", "Wave");
        }
    }

    public void Update(int number, string name, DateOnly? plannedDeliveryOn, DateOnly? actualDeliveryOn, string? notes)
    {
        if (number < 1)
        {
            throw new DomainException("Le numéro de vague doit être un entier positif.", nameof(Number));
        }
        name = (name ?? string.Empty).Trim();
        if (name.Length == 0)
        {
            throw new DomainException("Le nom de la vague est obligatoire.", nameof(Name));
        }
        if (name.Length > NameMaxLength)
        {
            throw new DomainException($"Le nom de la vague ne peut dépasser {NameMaxLength} caractères.", nameof(Name));
        }
        Number = number;
        Name = name;
        PlannedDeliveryOn = plannedDeliveryOn;
        ActualDeliveryOn = actualDeliveryOn;
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    /// <summary>
    /// Adds a town. <paramref name="otherOpenWave"/> is the other open wave the town already belongs to, if any:
    /// the caller looks it up, the wave decides.
    /// </summary>
    public WaveTown AddTown(Town town, Wave? otherOpenWave)
    {
        ArgumentNullException.ThrowIfNull(town);
        if (!IsPlanning)
        {
            throw new DomainException($"La vague {Number} n'est plus en préparation : on ne peut plus y ajouter de ville.", "TownId");
        }
        if (_towns.Any(t => t.TownId == town.Id && (town.Id != 0 || ReferenceEquals(t.Town, town))))
        {
            throw new DomainException($"{town.Name} fait déjà partie de la vague {Number}.", "TownId");
        }
        if (otherOpenWave is not null && !ReferenceEquals(otherOpenWave, this) && (Id == 0 || otherOpenWave.Id != Id) && otherOpenWave.IsOpen)
        {
            throw new DomainException(
                $"{town.Name} fait déjà partie de la vague {otherOpenWave.Number} ({otherOpenWave.Name}), qui n'est pas close.", "TownId");
        }
        var link = new WaveTown(this, town);
        _towns.Add(link);
        if (town.Status == TownStatus.Candidate)
        {
            town.SetStatus(TownStatus.Selected);
        }
        return link;
    }

    public void RemoveTown(int townId)
    {
        if (!IsPlanning)
        {
            throw new DomainException($"La vague {Number} n'est plus en préparation : on ne peut plus en retirer de ville.", "TownId");
        }
        var link = _towns.SingleOrDefault(t => t.TownId == townId)
            ?? throw new DomainException("Cette ville ne fait pas partie de la vague.", "TownId");
        _towns.Remove(link);
    }

    /// <summary>
    /// Moves the wave along its life. Only the next step is allowed, or one step back from Allocated
    /// (undoing an allocation).
    /// </summary>
    public void MoveTo(WaveStatus next)
    {
        var allowed = (Status, next) switch
        {
            (WaveStatus.Planning, WaveStatus.Allocated) => true,
            (WaveStatus.Allocated, WaveStatus.Planning) => true,
            (WaveStatus.Allocated, WaveStatus.Packed) => true,
            (WaveStatus.Packed, WaveStatus.Dispatched) => true,
            (WaveStatus.Dispatched, WaveStatus.Delivered) => true,
            (WaveStatus.Delivered, WaveStatus.Closed) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainException(
                $"La vague {Number} ne peut pas passer de l'état « {WaveStatusText.Of(Status)} » à « {WaveStatusText.Of(next)} ».");
        }
        Status = next;
    }

    /// <summary>
    /// Every town's delivery is received: the wave is « livrée » on <paramref name="deliveredOn"/>, the day its last
    /// town received its cartons (shown as "Livrée le"; retention counts from it).
    /// </summary>
    public void MarkDelivered(DateOnly deliveredOn)
    {
        MoveTo(WaveStatus.Delivered);
        ActualDeliveryOn = deliveredOn;
    }

    /// <summary>Sets the status directly; for importing the history of past waves (seed data) only.</summary>
    internal void RestoreHistoricalStatus(WaveStatus status) => Status = status;
}

/// <summary>A town's place in a wave.</summary>
public class WaveTown : IAudited
{
    private WaveTown()
    {
    }

    internal WaveTown(Wave wave, Town town)
    {
        Wave = wave;
        Town = town;
        TownId = town.Id;
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public Wave Wave { get; private set; } = null!;
    public int TownId { get; private set; }
    public Town Town { get; private set; } = null!;

    /// <summary>The day the town began handing the books out to children (Lens: 27 April 2020).</summary>
    public DateOnly? DistributionStartedOn { get; private set; }

    public void RecordDistributionStart(DateOnly day) => DistributionStartedOn = day;
}

public static class WaveStatusText
{
    public static string Of(WaveStatus status) => status switch
    {
        WaveStatus.Planning => "en préparation",
        WaveStatus.Allocated => "dotations réservées",
        WaveStatus.Packed => "colis prêts",
        WaveStatus.Dispatched => "expédiée",
        WaveStatus.Delivered => "livrée",
        WaveStatus.Closed => "close",
        _ => status.ToString(),
    };
}

public static class TownStatusText
{
    public static string Of(TownStatus status) => status switch
    {
        TownStatus.Candidate => "candidate",
        TownStatus.Selected => "retenue",
        TownStatus.Served => "servie",
        TownStatus.Withdrawn => "retirée",
        _ => status.ToString(),
    };
}
