using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Packing;

/// <summary>
/// One carton of a town's delivery in a wave: number k of n, and a code unique across the programme that is printed
/// on its label and in the QR code of its receipt address. Made from the town's confirmed allocation by
/// <see cref="CartonPlanner"/>; replaced as a whole (with new codes) when that allocation changes.
/// </summary>
public class Carton : IAudited
{
    private readonly List<CartonLine> _lines = [];

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
