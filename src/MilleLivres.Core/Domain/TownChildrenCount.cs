namespace MilleLivres.Core.Domain;

/// <summary>
/// How many children of an age band a town expects to reach (from its application). Counts only: no child is named.
/// The allocation reads these to split a town's books between age bands.
/// </summary>
public class TownChildrenCount : IAudited
{
    private TownChildrenCount()
    {
    }

    internal TownChildrenCount(Town town, int ageBandId, int children)
    {
        Town = town;
        TownId = town.Id;
        AgeBandId = ageBandId;
        Children = children;
    }

    public int TownId { get; private set; }
    public Town Town { get; private set; } = null!;
    public int AgeBandId { get; private set; }
    public AgeBand AgeBand { get; private set; } = null!;
    public int Children { get; internal set; }
}
