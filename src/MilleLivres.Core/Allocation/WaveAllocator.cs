using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Allocation;

/// <summary>
/// Chooses the titles and copies each town of a wave receives in each age band. Pure: no database, no clock,
/// no randomness; the same request (whatever the order of its towns and stock lines) always gives the same result.
/// See docs/decisions/0300-allocation-algorithm.md.
/// </summary>
public static class WaveAllocator
{
    public static AllocationResult Allocate(AllocationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Run(request).Execute();
    }

    private sealed class TownState(int index, int townId, int expectedTitles)
    {
        public int Index { get; } = index;
        public int TownId { get; } = townId;
        public HashSet<int> Wished { get; } = [];
        public Dictionary<int, int> Copies { get; } = new(expectedTitles);

        /// <summary>The band (index) whose line holds each title: a town has one line per title, whatever the fills.</summary>
        public Dictionary<int, int> HeldIn { get; } = new(expectedTitles);

        public int CopiesOf(int title) => Copies.TryGetValue(title, out var n) ? n : 0;

        /// <summary>
        /// The slot may take a copy of the title: the town holds it nowhere yet, or in this very band. A fill never
        /// adds a second line for a title the town already has in another band (one allocation line per town and title).
        /// </summary>
        public bool MayTakeIn(int title, int bandIndex) => !HeldIn.TryGetValue(title, out var b) || b == bandIndex;
    }

    /// <summary>What one town must receive in one band, and what it has received so far.</summary>
    private sealed class Slot(TownState town, int bandIndex, int target, int expectedTitles)
    {
        public TownState Town { get; } = town;
        public int BandIndex { get; } = bandIndex;
        public int Target { get; } = target;
        public int Given { get; set; }
        public Dictionary<int, int> Lines { get; } = new(expectedTitles);
        public bool Needy => Given < Target;
    }

    private sealed class Run
    {
        private readonly AllocationRequest _request;
        private readonly int _cap;
        private readonly IReadOnlyList<int> _bandIds;
        private readonly Dictionary<int, int> _bandIndex = [];
        private readonly StockLine[] _titles;
        private readonly int[] _remaining;
        private readonly List<int>[] _titlesByBand;
        private readonly TownState[] _towns;
        private readonly Slot[][] _slotsByBand;

        public Run(AllocationRequest request)
        {
            _request = request;
            var settings = request.Settings ?? new AllocationSettings();
            if (settings.MaxCopiesPerTitle < 1)
            {
                throw new DomainException("Le nombre maximum d'exemplaires d'un même titre par ville doit être d'au moins 1.", nameof(AllocationSettings.MaxCopiesPerTitle));
            }
            _cap = settings.MaxCopiesPerTitle;

            _bandIds = request.BandIds ?? throw new ArgumentException("Band ids are required.", nameof(request));
            for (var b = 0; b < _bandIds.Count; b++)
            {
                if (!_bandIndex.TryAdd(_bandIds[b], b))
                {
                    throw new ArgumentException($"Band {_bandIds[b]} is listed twice.", nameof(request));
                }
            }

            // Titles are indexed in title id order: the input order of the stock lines plays no part.
            _titles = (request.Stock ?? []).OrderBy(s => s.TitleId).ToArray();
            _remaining = new int[_titles.Length];
            var titleIndex = new Dictionary<int, int>(_titles.Length);
            _titlesByBand = _bandIds.Select(_ => new List<int>()).ToArray();
            for (var t = 0; t < _titles.Length; t++)
            {
                var line = _titles[t];
                if (!titleIndex.TryAdd(line.TitleId, t))
                {
                    throw new ArgumentException($"Title {line.TitleId} has more than one stock line.", nameof(request));
                }
                if (line.Available < 0)
                {
                    throw new ArgumentException($"Title {line.TitleId} has a negative available quantity.", nameof(request));
                }
                if (!_bandIndex.TryGetValue(line.AgeBandId, out var b))
                {
                    throw new ArgumentException($"Title {line.TitleId} belongs to band {line.AgeBandId}, which is not in the request.", nameof(request));
                }
                _remaining[t] = line.Available;
                _titlesByBand[b].Add(t);
            }
            // Oldest donations first; the title id settles equal dates.
            foreach (var list in _titlesByBand)
            {
                list.Sort((x, y) =>
                {
                    var byDate = _titles[x].OldestDonationOn.CompareTo(_titles[y].OldestDonationOn);
                    return byDate != 0 ? byDate : _titles[x].TitleId.CompareTo(_titles[y].TitleId);
                });
            }

            // Towns are indexed in town id order, never in the order they were given.
            var towns = (request.Towns ?? []).OrderBy(t => t.TownId).ToArray();
            _towns = new TownState[towns.Length];
            var slotLists = _bandIds.Select(_ => new List<Slot>()).ToArray();
            for (var i = 0; i < towns.Length; i++)
            {
                if (i > 0 && towns[i].TownId == towns[i - 1].TownId)
                {
                    throw new ArgumentException($"Town {towns[i].TownId} is listed twice.", nameof(request));
                }
                var expected = (int)Math.Min(_titles.Length, (towns[i].TargetsByBand?.Values ?? []).Sum(v => (long)Math.Max(v, 0)));
                var town = new TownState(i, towns[i].TownId, expected);
                _towns[i] = town;
                foreach (var wished in towns[i].WishedTitleIds ?? [])
                {
                    // A wished title that is not in stock cannot be served: it simply does not show up.
                    if (titleIndex.TryGetValue(wished, out var t))
                    {
                        town.Wished.Add(t);
                    }
                }
                foreach (var (bandId, target) in towns[i].TargetsByBand ?? new Dictionary<int, int>())
                {
                    if (!_bandIndex.TryGetValue(bandId, out var b))
                    {
                        throw new ArgumentException($"Town {town.TownId} has a target for band {bandId}, which is not in the request.", nameof(request));
                    }
                    if (target < 0)
                    {
                        throw new DomainException("L'objectif d'une tranche d'âge ne peut pas être négatif.", "Target");
                    }
                    slotLists[b].Add(new Slot(town, b, target, Math.Min(target, _titlesByBand[b].Count)));
                }
            }
            _slotsByBand = slotLists.Select(l => l.OrderBy(s => s.Town.Index).ToArray()).ToArray();

            foreach (var fill in settings.Fills ?? [])
            {
                if (!_bandIndex.TryGetValue(fill.BandId, out var to) || !_bandIndex.TryGetValue(fill.FromBandId, out var from)
                    || Math.Abs(to - from) != 1)
                {
                    throw new DomainException("Une tranche d'âge ne peut être complétée que par une tranche d'âge voisine.", nameof(AllocationSettings.Fills));
                }
            }
        }

        public AllocationResult Execute()
        {
            for (var b = 0; b < _bandIds.Count; b++)
            {
                ServeFrom(_slotsByBand[b], b);
            }
            // Fills come after every band has served its own towns: a neighbour only gives what it does not need.
            foreach (var fill in _request.Settings?.Fills ?? [])
            {
                ServeFrom(_slotsByBand[_bandIndex[fill.BandId]], _bandIndex[fill.FromBandId]);
            }
            return BuildResult();
        }

        private void ServeFrom(Slot[] slots, int sourceBand)
        {
            var titles = _titlesByBand[sourceBand];
            var wishedByAnyone = new HashSet<int>(slots.SelectMany(s => s.Town.Wished));
            var wishedTitles = wishedByAnyone.Count == 0 ? [] : titles.Where(wishedByAnyone.Contains).ToList();
            if (wishedTitles.Count > 0)
            {
                Serve(slots, wishedTitles, wishedOnly: true);
            }
            Serve(slots, titles, wishedOnly: false);
        }

        /// <summary>
        /// Gives copies in levels: level 1 offers every title once to every town that still needs books, level 2 a second
        /// copy, and so on up to the cap, so a town gets as many different titles as the stock allows before any
        /// duplicate. When a title has fewer copies than candidates, the towns least served so far (in proportion to
        /// their target) get it first; a hash of (title, town) settles ties, so no town is always first.
        /// </summary>
        private void Serve(Slot[] slots, List<int> titles, bool wishedOnly)
        {
            var active = slots.Where(s => s.Needy).ToList();
            var candidates = new List<Slot>(active.Count);
            for (var level = 1; level <= _cap && active.Count > 0; level++)
            {
                foreach (var t in titles)
                {
                    if (_remaining[t] == 0)
                    {
                        continue;
                    }
                    candidates.Clear();
                    foreach (var slot in active)
                    {
                        if (slot.Needy && slot.Town.CopiesOf(t) < level && slot.Town.MayTakeIn(t, slot.BandIndex)
                            && (!wishedOnly || slot.Town.Wished.Contains(t)))
                        {
                            candidates.Add(slot);
                        }
                    }
                    if (candidates.Count == 0)
                    {
                        continue;
                    }
                    if (candidates.Count > _remaining[t])
                    {
                        KeepFirst(candidates, _remaining[t], _titles[t].TitleId);
                    }
                    var someoneFull = false;
                    foreach (var slot in candidates)
                    {
                        Give(slot, t);
                        someoneFull |= !slot.Needy;
                    }
                    if (someoneFull)
                    {
                        active.RemoveAll(s => !s.Needy);
                        if (active.Count == 0)
                        {
                            break;
                        }
                    }
                }
            }
        }

        private void Give(Slot slot, int t)
        {
            _remaining[t]--;
            slot.Given++;
            slot.Lines[t] = slot.Lines.TryGetValue(t, out var n) ? n + 1 : 1;
            slot.Town.Copies[t] = slot.Town.CopiesOf(t) + 1;
            slot.Town.HeldIn[t] = slot.BandIndex;
        }

        private readonly record struct Candidate(Slot Slot, ulong TieBreak);

        private Candidate[] _ranking = new Candidate[16];

        /// <summary>
        /// Keeps in <paramref name="candidates"/> the <paramref name="count"/> towns that come first for this title.
        /// Usually a title has a handful of copies for dozens of towns, so a partial selection beats a full sort.
        /// </summary>
        private void KeepFirst(List<Slot> candidates, int count, int titleId)
        {
            var n = candidates.Count;
            if (_ranking.Length < n)
            {
                _ranking = new Candidate[Math.Max(n, _ranking.Length * 2)];
            }
            var ranking = _ranking.AsSpan(0, n);
            for (var i = 0; i < n; i++)
            {
                ranking[i] = new Candidate(candidates[i], TieBreak(titleId, candidates[i].Town.TownId));
            }
            if (count <= 8)
            {
                for (var p = 0; p < count; p++)
                {
                    var best = p;
                    for (var i = p + 1; i < n; i++)
                    {
                        if (ComparePriority(ranking[i], ranking[best]) < 0)
                        {
                            best = i;
                        }
                    }
                    (ranking[p], ranking[best]) = (ranking[best], ranking[p]);
                }
            }
            else
            {
                ranking.Sort(ComparePriority);
            }
            candidates.Clear();
            foreach (var candidate in ranking[..count])
            {
                candidates.Add(candidate.Slot);
            }
        }

        private static int ComparePriority(Candidate x, Candidate y)
        {
            // Least served first, in proportion to the target: Given/Target ascending, compared without division.
            var byShare = ((long)x.Slot.Given * y.Slot.Target).CompareTo((long)y.Slot.Given * x.Slot.Target);
            if (byShare != 0)
            {
                return byShare;
            }
            var byHash = x.TieBreak.CompareTo(y.TieBreak);
            return byHash != 0 ? byHash : x.Slot.Town.TownId.CompareTo(y.Slot.Town.TownId);
        }

        /// <summary>
        /// A fixed mix (SplitMix64) of title and town ids: stable across runs and machines, unlike string or
        /// HashCode hashing, and different for every title so the same town does not always win the ties.
        /// </summary>
        internal static ulong TieBreak(int titleId, int townId)
        {
            var z = ((ulong)(uint)titleId << 32) | (uint)townId;
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        private AllocationResult BuildResult()
        {
            var slotsByTown = _slotsByBand.SelectMany(s => s).ToLookup(s => s.Town.Index);
            var towns = _towns.Select(town =>
            {
                var byBand = slotsByTown[town.Index].ToDictionary(s => s.BandIndex);
                var bands = _bandIds.Select((bandId, b) =>
                {
                    if (!byBand.TryGetValue(b, out var slot))
                    {
                        return new BandAllocation(bandId, 0, []);
                    }
                    var lines = slot.Lines
                        .Select(kv => new ComputedAllocationLine(_titles[kv.Key].TitleId, kv.Value, _titles[kv.Key].AgeBandId, town.Wished.Contains(kv.Key)))
                        .OrderBy(l => _bandIndex[l.SourceBandId])
                        .ThenBy(l => l.TitleId)
                        .ToList();
                    return new BandAllocation(bandId, slot.Target, lines);
                }).ToList();
                return new TownAllocation(town.TownId, bands);
            }).ToList();

            var stockLeft = _bandIds.Select((bandId, b) => new BandStockLeft(
                bandId,
                _titlesByBand[b].Count(t => _remaining[t] > 0),
                _titlesByBand[b].Sum(t => (long)_remaining[t]))).ToList();

            var remaining = _titlesByBand
                .SelectMany(list => list)
                .Where(t => _remaining[t] > 0)
                .Select(t => _titles[t] with { Available = _remaining[t] })
                .ToList();

            return new AllocationResult(towns, stockLeft, remaining);
        }
    }
}
