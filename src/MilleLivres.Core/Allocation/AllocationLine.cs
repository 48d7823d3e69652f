using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;

namespace MilleLivres.Core.Allocation;

/// <summary>
/// A confirmed allocation: copies of one title promised to one town of a wave, counted towards one age band.
/// Written together with the matching reservation movement in the stock ledger; packing reads these rows.
/// Not audited row by row: a confirmation, an undo and an edit each write one audit entry for the whole action
/// (ADR 0521), and the rows stay queryable here and in the ledger.
/// </summary>
public class AllocationLine
{
    private AllocationLine()
    {
    }

    public AllocationLine(int waveId, int townId, int titleId, int ageBandId, int sourceAgeBandId, int quantity, bool wished)
    {
        if (quantity < 1)
        {
            throw new DomainException("La quantité d'une ligne de dotation doit être au moins 1.", nameof(Quantity));
        }
        WaveId = waveId;
        TownId = townId;
        TitleId = titleId;
        AgeBandId = ageBandId;
        SourceAgeBandId = sourceAgeBandId;
        Quantity = quantity;
        Wished = wished;
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public Wave Wave { get; private set; } = null!;
    public int TownId { get; private set; }
    public Town Town { get; private set; } = null!;
    public int TitleId { get; private set; }
    public Title Title { get; private set; } = null!;

    /// <summary>The band whose target the copies count towards.</summary>
    public int AgeBandId { get; private set; }
    public AgeBand AgeBand { get; private set; } = null!;

    /// <summary>The title's own band; differs from <see cref="AgeBandId"/> when staff filled a shortfall from a neighbouring band.</summary>
    public int SourceAgeBandId { get; private set; }

    public int Quantity { get; private set; }
    public bool Wished { get; private set; }

    public void ChangeQuantity(int quantity)
    {
        if (quantity < 1)
        {
            throw new DomainException("La quantité doit être au moins 1 ; retirez la ligne pour ne plus donner ce titre.", nameof(Quantity));
        }
        Quantity = quantity;
    }
}
