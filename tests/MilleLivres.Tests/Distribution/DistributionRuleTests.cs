using MilleLivres.Core.Distribution;

namespace MilleLivres.Tests.Distribution;

/// <summary>The rules of a distribution report, without a database.</summary>
public class DistributionRuleTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateOnly FirstReceipt = new(2026, 6, 1);
    private const int Maternelle = 1;
    private const int Elementaire = 2;

    private static DistributionContext Context(int maternelle = 30, int elementaire = 50, DateOnly? firstReceipt = null, bool received = true) => new(
        Today,
        received ? firstReceipt ?? FirstReceipt : null,
        new Dictionary<int, int> { [Maternelle] = maternelle, [Elementaire] = elementaire },
        new Dictionary<int, string> { [Maternelle] = "3-5 ans", [Elementaire] = "6-10 ans", [3] = "11-14 ans" },
        new DateTime(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc),
        "coordination.lens@cite-educative.demo");

    private static RowInput Row(int band = Maternelle, int? children = 20, int? books = 10, DateOnly? date = null, string? comment = null,
        PlaceKind? kind = PlaceKind.EcoleMaternelle, string? place = "École Jules-Ferry") =>
        new(date ?? Today.AddDays(-1), kind, place, band, children, books, comment);

    [Fact]
    public void Several_rows_are_added_at_once_with_their_counts()
    {
        var report = new DistributionReport(1, 1);
        var added = report.AddRows([Row(Maternelle, 20, 12), Row(Elementaire, 25, 30)], "k", Context());
        Assert.Equal(2, added.Count);
        Assert.Equal(42, report.Rows.Sum(r => r.BooksHandedOut));
        Assert.Equal(["k:0", "k:1"], report.Rows.Select(r => r.SubmissionKey));
    }

    [Fact]
    public void Books_beyond_those_received_in_a_band_are_refused_cumulated_over_all_rows()
    {
        var report = new DistributionReport(1, 1);
        report.AddRows([Row(Maternelle, 20, 25)], "a", Context(maternelle: 30));
        var e = Assert.Throws<MoreBooksThanReceivedException>(() => report.AddRows([Row(Elementaire, 5, 5), Row(Maternelle, 10, 6)], "b", Context(maternelle: 30)));
        Assert.Equal("Rows[1].BooksHandedOut", e.Field);
        Assert.Contains("30 livre(s) reçu(s)", e.Message);
        Assert.Contains("il en reste 5", e.Message);
        // All or nothing: the valid elementary row was not added either.
        Assert.Single(report.Rows);
        // Exactly what is left is accepted.
        report.AddRows([Row(Maternelle, 10, 5)], "c", Context(maternelle: 30));
        Assert.Equal(30, report.Rows.Sum(r => r.BooksHandedOut));
    }

    [Fact]
    public void Two_rows_of_one_band_in_the_same_form_count_together()
    {
        var report = new DistributionReport(1, 1);
        var e = Assert.Throws<MoreBooksThanReceivedException>(() => report.AddRows([Row(Maternelle, 5, 20), Row(Maternelle, 5, 20)], "a", Context(maternelle: 30)));
        Assert.Equal("Rows[1].BooksHandedOut", e.Field);
        Assert.Empty(report.Rows);
    }

    [Fact]
    public void A_band_with_nothing_received_takes_no_books_but_may_count_children()
    {
        var report = new DistributionReport(1, 1);
        Assert.Throws<MoreBooksThanReceivedException>(() => report.AddRows([Row(3, 5, 1)], "a", Context()));
        report.AddRows([Row(3, 5, 0)], "b", Context());
        Assert.Equal(5, report.Rows.Single().ChildrenReached);
    }

    [Fact]
    public void A_date_in_the_future_is_refused_at_the_date_field()
    {
        var e = Assert.Throws<ImplausibleDistributionDateException>(() => new DistributionReport(1, 1).AddRows([Row(date: Today.AddDays(1))], "a", Context()));
        Assert.Equal("Rows[0].Date", e.Field);
        Assert.Contains("futur", e.Message);
    }

    [Fact]
    public void A_date_before_the_first_receipt_is_refused_and_the_first_receipt_day_is_accepted()
    {
        var report = new DistributionReport(1, 1);
        var e = Assert.Throws<ImplausibleDistributionDateException>(() => report.AddRows([Row(date: FirstReceipt.AddDays(-1))], "a", Context()));
        Assert.Contains("01/06/2026", e.Message);
        report.AddRows([Row(date: FirstReceipt)], "b", Context());
        Assert.Single(report.Rows);
    }

    [Fact]
    public void Nothing_can_be_recorded_before_any_carton_is_received()
    {
        var e = Assert.Throws<ImplausibleDistributionDateException>(() => new DistributionReport(1, 1).AddRows([Row()], "a", Context(received: false)));
        Assert.Contains("Aucun carton n'est encore reçu", e.Message);
    }

    [Theory]
    [InlineData(0, 1, "Rows[0].ChildrenReached", "au moins 1")]
    [InlineData(-3, 1, "Rows[0].ChildrenReached", "au moins 1")]
    [InlineData(null, 1, "Rows[0].ChildrenReached", "au moins 1")]
    [InlineData(4, -1, "Rows[0].BooksHandedOut", "0 ou plus")]
    [InlineData(4, null, "Rows[0].BooksHandedOut", "0 ou plus")]
    public void Children_at_least_one_and_books_at_least_zero(int? children, int? books, string field, string message)
    {
        var e = Assert.Throws<InvalidDistributionException>(() => new DistributionReport(1, 1).AddRows([Row(children: children, books: books)], "a", Context()));
        Assert.Equal(field, e.Field);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void A_place_kind_outside_the_list_an_empty_place_name_and_an_unknown_band_are_refused_at_their_field()
    {
        Assert.Equal("Rows[0].PlaceKind", Assert.Throws<InvalidDistributionException>(() => new DistributionReport(1, 1).AddRows([Row(kind: (PlaceKind)42)], "a", Context())).Field);
        Assert.Equal("Rows[0].PlaceKind", Assert.Throws<InvalidDistributionException>(() => new DistributionReport(1, 1).AddRows([Row(kind: null)], "a", Context())).Field);
        Assert.Equal("Rows[0].PlaceName", Assert.Throws<InvalidDistributionException>(() => new DistributionReport(1, 1).AddRows([Row(place: "  ")], "a", Context())).Field);
        Assert.Equal("Rows[0].AgeBandId", Assert.Throws<InvalidDistributionException>(() => new DistributionReport(1, 1).AddRows([Row(band: 99)], "a", Context())).Field);
    }

    [Theory]
    [InlineData("Contact : maman.de.lea@gmail.com", "adresse électronique")]
    [InlineData("écrire à jules (at) exemple.fr", "adresse électronique")]
    [InlineData("Rappeler le 06 12 34 56 78", "numéro de téléphone")]
    [InlineData("tel 0612345678", "numéro de téléphone")]
    [InlineData("+33 6 12 34 56 78", "numéro de téléphone")]
    [InlineData("joindre au 03.21.00.00.00 svp", "numéro de téléphone")]
    public void A_comment_with_an_email_address_or_a_phone_number_is_refused_with_the_reason(string comment, string what)
    {
        var e = Assert.Throws<PersonalDataInTextException>(() => new DistributionReport(1, 1).AddRows([Row(comment: comment)], "a", Context()));
        Assert.Equal("Rows[0].Comment", e.Field);
        Assert.Contains(what, e.Message);
        Assert.Contains("mineurs", e.Message);
    }

    [Theory]
    [InlineData("Lecture en classe le 12/06/2026, 25 élèves de CP, 2 classes.")]
    [InlineData("Séance de 10 h à 12 h ; 120 livres remis en 3 groupes.")]
    [InlineData("Le 12/06/2026 25 élèves, puis le 13/06/2026 30 élèves.")]
    public void An_ordinary_comment_with_dates_and_counts_is_accepted(string comment)
    {
        var report = new DistributionReport(1, 1);
        report.AddRows([Row(comment: comment)], "a", Context());
        Assert.Equal(comment, report.Rows.Single().Comment);
    }

    [Fact]
    public void A_finished_report_refuses_new_rows_until_reopened()
    {
        var report = new DistributionReport(1, 1);
        report.AddRows([Row()], "a", Context());
        Assert.True(report.Finish("Tout a été remis dans les écoles.", DateTime.UtcNow, "coordination"));
        Assert.False(report.Finish("encore", DateTime.UtcNow, "coordination"));
        Assert.Throws<DistributionFinishedException>(() => report.AddRows([Row()], "b", Context()));
        Assert.True(report.Reopen(DateTime.UtcNow, "equipe"));
        Assert.False(report.Reopen(DateTime.UtcNow, "equipe"));
        report.AddRows([Row(books: 1)], "c", Context());
        Assert.Equal(2, report.Rows.Count);
    }

    [Fact]
    public void Finishing_needs_a_closing_comment_without_contact_details_and_at_least_one_row()
    {
        var empty = new DistributionReport(1, 1);
        Assert.Equal("ClosingComment", Assert.Throws<InvalidDistributionException>(() => empty.Finish("Bilan", DateTime.UtcNow, "c")).Field);
        var report = new DistributionReport(1, 1);
        report.AddRows([Row()], "a", Context());
        Assert.Equal("ClosingComment", Assert.Throws<InvalidDistributionException>(() => report.Finish("  ", DateTime.UtcNow, "c")).Field);
        Assert.Throws<PersonalDataInTextException>(() => report.Finish("Merci, écrire à directrice@ecole.fr", DateTime.UtcNow, "c"));
        Assert.False(report.IsFinished);
    }

    [Fact]
    public void A_testimonial_is_public_only_with_consent_and_staff_approval()
    {
        var withConsent = Testimonial.Submit(1, "« J'ai lu mon livre trois fois ! »", TestimonialSource.Child, consentToQuote: true, "k1", DateTime.UtcNow, "c");
        Assert.Equal(ModerationState.Pending, withConsent.Moderation);
        Assert.False(withConsent.IsPublic);
        Assert.True(withConsent.Moderate(approve: true, null, DateTime.UtcNow, "equipe"));
        Assert.True(withConsent.IsPublic);
        Assert.False(withConsent.Moderate(approve: true, null, DateTime.UtcNow, "equipe"));
        Assert.True(withConsent.Moderate(approve: false, "Trop personnel", DateTime.UtcNow, "equipe"));
        Assert.False(withConsent.IsPublic);

        var withoutConsent = Testimonial.Submit(1, "Les parents ont apprécié.", TestimonialSource.Parent, consentToQuote: false, "k2", DateTime.UtcNow, "c");
        Assert.Throws<InvalidDistributionException>(() => withoutConsent.Moderate(approve: true, null, DateTime.UtcNow, "equipe"));
        Assert.False(withoutConsent.IsPublic);
    }

    [Fact]
    public void A_testimonial_with_a_phone_number_or_without_text_or_source_is_refused()
    {
        Assert.Equal("Text", Assert.Throws<PersonalDataInTextException>(() =>
            Testimonial.Submit(1, "Super ! Appelez-moi au 07 81 22 33 44", TestimonialSource.Parent, true, "k", DateTime.UtcNow, "c")).Field);
        Assert.Equal("Text", Assert.Throws<InvalidDistributionException>(() => Testimonial.Submit(1, " ", TestimonialSource.Parent, true, "k", DateTime.UtcNow, "c")).Field);
        Assert.Equal("Source", Assert.Throws<InvalidDistributionException>(() => Testimonial.Submit(1, "Merci", null, true, "k", DateTime.UtcNow, "c")).Field);
    }
}
