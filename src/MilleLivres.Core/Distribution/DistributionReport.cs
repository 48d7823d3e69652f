using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Distribution;

/// <summary>What a coordinator enters for one distribution row; null where the form left a field empty.</summary>
public sealed record RowInput(DateOnly? Date, PlaceKind? PlaceKind, string? PlaceName, int? AgeBandId, int? ChildrenReached, int? BooksHandedOut, string? Comment);

/// <summary>
/// What the report needs to decide on rows: today, the first day a carton of this delivery was received (null: none
/// yet), the books received per age band after receipt differences, the bands' labels, and who acts when.
/// </summary>
public sealed record DistributionContext(
    DateOnly Today,
    DateOnly? FirstReceiptOn,
    IReadOnlyDictionary<int, int> ReceivedPerBand,
    IReadOnlyDictionary<int, string> BandLabels,
    DateTime NowUtc,
    string By);

/// <summary>
/// A town's report of what it handed out to children from one wave's delivery (distribution aux enfants): its rows
/// (date, place, age band, counts — never a child's identity), its testimonials, and whether the town marked it
/// finished. One per (wave, town). Rows change only while it is open; staff can reopen it.
/// <see cref="Revision"/> is a concurrency token bumped by every change, so two writers cannot both commit.
/// </summary>
public class DistributionReport : IAudited
{
    public const int ClosingCommentMaxLength = 2000;
    private readonly List<DistributionRow> _rows = [];

    private DistributionReport()
    {
    }

    public DistributionReport(int waveId, int townId)
    {
        WaveId = waveId;
        TownId = townId;
    }

    public int Id { get; private set; }
    public int WaveId { get; private set; }
    public int TownId { get; private set; }
    public DistributionReportState State { get; private set; } = DistributionReportState.Open;
    public string? ClosingComment { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public string? FinishedBy { get; private set; }
    public DateTime? ReopenedAtUtc { get; private set; }
    public string? ReopenedBy { get; private set; }
    public int Revision { get; private set; }
    public IReadOnlyCollection<DistributionRow> Rows => _rows;

    public bool IsFinished => State == DistributionReportState.Finished;

    /// <summary>Adds several rows at once (one event often covers several bands): all are valid, or none is added.</summary>
    public IReadOnlyList<DistributionRow> AddRows(IReadOnlyList<RowInput> inputs, string submissionKey, DistributionContext context)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(context);
        EnsureOpen();
        if (inputs.Count == 0)
        {
            throw new InvalidDistributionException("Remplissez au moins une ligne.", "Rows[0].AgeBandId");
        }
        var valid = inputs.Select((input, i) => Validate(input, $"Rows[{i}].", context)).ToList();
        EnsureWithinReceived(valid.Select((v, i) => (v.AgeBandId, v.BooksHandedOut, $"Rows[{i}].BooksHandedOut")).ToList(), exceptRowId: null, context);
        var added = valid.Select((v, i) => new DistributionRow(v, $"{submissionKey}:{i}", context.NowUtc, context.By)).ToList();
        _rows.AddRange(added);
        Revision++;
        return added;
    }

    /// <summary>Changes one row. False when nothing differs (a second identical post).</summary>
    public bool UpdateRow(int rowId, RowInput input, DistributionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var row = _rows.FirstOrDefault(r => r.Id == rowId) ?? throw new DistributionNotFoundException();
        var valid = Validate(input, string.Empty, context);
        if (row.Matches(valid))
        {
            return false;
        }
        EnsureOpen();
        EnsureWithinReceived([(valid.AgeBandId, valid.BooksHandedOut, nameof(RowInput.BooksHandedOut))], exceptRowId: rowId, context);
        row.Change(valid, context.NowUtc, context.By);
        Revision++;
        return true;
    }

    /// <summary>Removes one row. False when it is already gone (a second click).</summary>
    public bool RemoveRow(int rowId)
    {
        var row = _rows.FirstOrDefault(r => r.Id == rowId);
        if (row is null)
        {
            return false;
        }
        EnsureOpen();
        _rows.Remove(row);
        Revision++;
        return true;
    }

    /// <summary>The town says it has handed everything out that it will. False when already finished.</summary>
    public bool Finish(string? closingComment, DateTime nowUtc, string by)
    {
        if (IsFinished)
        {
            return false;
        }
        var comment = PersonalDataGuard.Clean(closingComment, ClosingCommentMaxLength, nameof(ClosingComment), "Le commentaire de clôture");
        if (comment is null)
        {
            throw new InvalidDistributionException("Écrivez quelques mots de bilan pour clore la distribution.", nameof(ClosingComment));
        }
        if (_rows.Count == 0)
        {
            throw new InvalidDistributionException("Enregistrez au moins une distribution avant de clore.", nameof(ClosingComment));
        }
        State = DistributionReportState.Finished;
        ClosingComment = comment;
        FinishedAtUtc = nowUtc;
        FinishedBy = by;
        Revision++;
        return true;
    }

    /// <summary>Staff reopen a finished report so the town can correct it. False when it is already open.</summary>
    public bool Reopen(DateTime nowUtc, string by)
    {
        if (!IsFinished)
        {
            return false;
        }
        State = DistributionReportState.Open;
        ReopenedAtUtc = nowUtc;
        ReopenedBy = by;
        Revision++;
        return true;
    }

    public void EnsureOpen()
    {
        if (IsFinished)
        {
            throw new DistributionFinishedException(
                $"La distribution a été déclarée terminée le {FinishedAtUtc:dd/MM/yyyy} : elle ne peut plus être modifiée. Demandez à l'équipe Biblionef de la rouvrir.");
        }
    }

    internal sealed record ValidRow(DateOnly Date, PlaceKind PlaceKind, string PlaceName, int AgeBandId, int ChildrenReached, int BooksHandedOut, string? Comment);

    private static ValidRow Validate(RowInput input, string prefix, DistributionContext c)
    {
        if (input.Date is not { } date)
        {
            throw new ImplausibleDistributionDateException("Indiquez la date de la distribution.", prefix + nameof(RowInput.Date));
        }
        if (date > c.Today)
        {
            throw new ImplausibleDistributionDateException(
                $"La date ne peut pas être dans le futur (aujourd'hui : {c.Today:dd/MM/yyyy}).", prefix + nameof(RowInput.Date));
        }
        if (c.FirstReceiptOn is not { } first)
        {
            throw new ImplausibleDistributionDateException(
                "Aucun carton n'est encore reçu : confirmez d'abord la réception des cartons.", prefix + nameof(RowInput.Date));
        }
        if (date < first)
        {
            throw new ImplausibleDistributionDateException(
                $"La date ne peut pas précéder la première réception de cartons ({first:dd/MM/yyyy}).", prefix + nameof(RowInput.Date));
        }
        if (input.PlaceKind is not { } kind || !Enum.IsDefined(kind))
        {
            throw new InvalidDistributionException("Choisissez le type de lieu dans la liste.", prefix + nameof(RowInput.PlaceKind));
        }
        var place = (input.PlaceName ?? string.Empty).Trim();
        if (place.Length == 0)
        {
            throw new InvalidDistributionException("Indiquez le nom du lieu (par exemple « École Jules-Ferry »).", prefix + nameof(RowInput.PlaceName));
        }
        place = PersonalDataGuard.Clean(place, DistributionRow.PlaceNameMaxLength, prefix + nameof(RowInput.PlaceName), "Le nom du lieu")!;
        if (input.AgeBandId is not { } band || !c.BandLabels.ContainsKey(band))
        {
            throw new InvalidDistributionException("Choisissez une tranche d'âge dans la liste.", prefix + nameof(RowInput.AgeBandId));
        }
        if (input.ChildrenReached is not { } children || children < 1)
        {
            throw new InvalidDistributionException("Le nombre d'enfants touchés doit être au moins 1.", prefix + nameof(RowInput.ChildrenReached));
        }
        if (children > DistributionRow.MaxCount)
        {
            throw new InvalidDistributionException($"Au plus {DistributionRow.MaxCount} enfants par ligne : vérifiez le nombre.", prefix + nameof(RowInput.ChildrenReached));
        }
        if (input.BooksHandedOut is not { } books || books < 0)
        {
            throw new InvalidDistributionException("Le nombre de livres remis doit être 0 ou plus.", prefix + nameof(RowInput.BooksHandedOut));
        }
        if (books > DistributionRow.MaxCount)
        {
            throw new InvalidDistributionException($"Au plus {DistributionRow.MaxCount} livres par ligne : vérifiez le nombre.", prefix + nameof(RowInput.BooksHandedOut));
        }
        var comment = PersonalDataGuard.Clean(input.Comment, DistributionRow.CommentMaxLength, prefix + nameof(RowInput.Comment), "Le commentaire");
        return new ValidRow(date, kind, place, band, children, books, comment);
    }

    /// <summary>Per band, the books of every row (the new ones, the others kept) never exceed the books received.</summary>
    private void EnsureWithinReceived(IReadOnlyList<(int Band, int Books, string Field)> changes, int? exceptRowId, DistributionContext c)
    {
        foreach (var band in changes.GroupBy(x => x.Band))
        {
            var already = _rows.Where(r => r.AgeBandId == band.Key && r.Id != exceptRowId).Sum(r => r.BooksHandedOut);
            var received = c.ReceivedPerBand.GetValueOrDefault(band.Key);
            var total = already + band.Sum(x => x.Books);
            if (total > received)
            {
                var left = Math.Max(0, received - already);
                throw new MoreBooksThanReceivedException(
                    $"Pour les {c.BandLabels[band.Key]}, {received} livre(s) reçu(s) (écarts déduits) et {already} déjà remis : il en reste {left} à remettre, pas {band.Sum(x => x.Books)}.",
                    band.Last().Field);
            }
        }
    }
}

/// <summary>
/// One distribution: a day, a place, an age band, how many children and how many books. No child's identity is held
/// here on purpose (a schema test guards it).
/// </summary>
public class DistributionRow : IAudited
{
    public const int PlaceNameMaxLength = 200;
    public const int CommentMaxLength = 1000;
    public const int MaxCount = 100_000;

    private DistributionRow()
    {
    }

    internal DistributionRow(DistributionReport.ValidRow v, string submissionKey, DateTime nowUtc, string by)
    {
        SubmissionKey = submissionKey;
        RecordedAtUtc = nowUtc;
        RecordedBy = by;
        Set(v);
    }

    public int Id { get; private set; }
    public int ReportId { get; private set; }
    public DateOnly Date { get; private set; }
    public PlaceKind PlaceKind { get; private set; }
    public string PlaceName { get; private set; } = string.Empty;
    public int AgeBandId { get; private set; }
    public int ChildrenReached { get; private set; }
    public int BooksHandedOut { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>The form's one-time key and the row's position in it: unique, so a second post of the same form adds nothing.</summary>
    public string SubmissionKey { get; private set; } = string.Empty;
    public DateTime RecordedAtUtc { get; private set; }
    public string RecordedBy { get; private set; } = string.Empty;
    public DateTime? ChangedAtUtc { get; private set; }
    public string? ChangedBy { get; private set; }

    internal bool Matches(DistributionReport.ValidRow v) =>
        Date == v.Date && PlaceKind == v.PlaceKind && PlaceName == v.PlaceName && AgeBandId == v.AgeBandId
        && ChildrenReached == v.ChildrenReached && BooksHandedOut == v.BooksHandedOut && Comment == v.Comment;

    internal void Change(DistributionReport.ValidRow v, DateTime nowUtc, string by)
    {
        Set(v);
        ChangedAtUtc = nowUtc;
        ChangedBy = by;
    }

    private void Set(DistributionReport.ValidRow v)
    {
        Date = v.Date;
        PlaceKind = v.PlaceKind;
        PlaceName = v.PlaceName;
        AgeBandId = v.AgeBandId;
        ChildrenReached = v.ChildrenReached;
        BooksHandedOut = v.BooksHandedOut;
        Comment = v.Comment;
    }
}

/// <summary>
/// A few sentences from a child, a parent or a teacher, without any name. Quoted publicly only when the town ticked
/// the consent box and staff approved it (<see cref="IsPublic"/>).
/// </summary>
public class Testimonial : IAudited
{
    public const int TextMaxLength = 1500;
    public const int ModerationNoteMaxLength = 500;

    private Testimonial()
    {
    }

    public static Testimonial Submit(int reportId, string? text, TestimonialSource? source, bool consentToQuote, string submissionKey, DateTime nowUtc, string by)
    {
        var value = PersonalDataGuard.Clean(text, TextMaxLength, nameof(Text), "Le témoignage")
            ?? throw new InvalidDistributionException("Écrivez le témoignage (quelques phrases, sans nom).", nameof(Text));
        if (source is not { } s || !Enum.IsDefined(s))
        {
            throw new InvalidDistributionException("Indiquez de qui vient le témoignage.", nameof(Source));
        }
        return new Testimonial
        {
            ReportId = reportId,
            Text = value,
            Source = s,
            ConsentToQuote = consentToQuote,
            SubmissionKey = submissionKey,
            SubmittedAtUtc = nowUtc,
            SubmittedBy = by,
        };
    }

    public int Id { get; private set; }
    public int ReportId { get; private set; }
    public string Text { get; private set; } = string.Empty;
    public TestimonialSource Source { get; private set; }

    /// <summary>« peut être cité publiquement, sans nom ».</summary>
    public bool ConsentToQuote { get; private set; }
    public ModerationState Moderation { get; private set; } = ModerationState.Pending;
    public string? ModerationNote { get; private set; }
    public DateTime? ModeratedAtUtc { get; private set; }
    public string? ModeratedBy { get; private set; }
    public string SubmissionKey { get; private set; } = string.Empty;
    public DateTime SubmittedAtUtc { get; private set; }
    public string SubmittedBy { get; private set; } = string.Empty;

    public bool IsPublic => ConsentToQuote && Moderation == ModerationState.Approved;

    /// <summary>Staff approve or reject. False when it already has that decision (a second click).</summary>
    public bool Moderate(bool approve, string? note, DateTime nowUtc, string by)
    {
        var state = approve ? ModerationState.Approved : ModerationState.Rejected;
        if (Moderation == state)
        {
            return false;
        }
        if (approve && !ConsentToQuote)
        {
            throw new InvalidDistributionException(
                "Ce témoignage n'a pas l'accord de citation : il ne peut pas être approuvé pour un usage public.", "Approve");
        }
        var clean = PersonalDataGuard.Clean(note, ModerationNoteMaxLength, "Note", "La note de modération");
        Moderation = state;
        ModerationNote = clean;
        ModeratedAtUtc = nowUtc;
        ModeratedBy = by;
        return true;
    }
}
