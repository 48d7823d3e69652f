using MilleLivres.Core.Domain;
using MilleLivres.Core.Stock;

namespace MilleLivres.Core.Allocation;

/// <summary>A title a town wished for in a wave, picked from the catalogue before allocation; the allocator serves it first.</summary>
public class TownWish : IAudited
{
    private TownWish()
    {
    }

    public TownWish(int waveId, int townId, int titleId)
    {
        WaveId = waveId;
        TownId = townId;
        TitleId = titleId;
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public Wave Wave { get; private set; } = null!;
    public int TownId { get; private set; }
    public Town Town { get; private set; } = null!;
    public int TitleId { get; private set; }
    public Title Title { get; private set; } = null!;
}
