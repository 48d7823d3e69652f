using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;

namespace MilleLivres.Tests.Applications;

/// <summary>The application rules without a database.</summary>
public class ApplicationDomainTests
{
    private static readonly int[] BandIds = [1, 2, 3, 4];
    private static readonly DateTime Now = new(2026, 11, 23, 9, 0, 0, DateTimeKind.Utc);

    private static ApplicationForm ValidForm() => new()
    {
        TownName = "Amiens",
        InseeCode = "80021",
        CiteEducativeName = "Cité éducative d'Amiens Nord",
        IsMember = "non",
        ApplicantName = "Claire Martin",
        ApplicantRole = "Adjointe à l'éducation",
        ApplicantEmail = "claire.martin@amiens.example.fr",
        ApplicantPhone = "03.22.97.40.00",
        CoordinatorName = "Karim Benali",
        CoordinatorEmail = "karim.benali@amiens.example.fr",
        CoordinatorPhone = "0612345678",
        DeliveryStructure = "Médiathèque",
        DeliveryStreet = "2 rue Gresset",
        DeliveryPostcode = "80000",
        DeliveryCity = "Amiens",
        Partners = "Écoles",
        Plan = "Lectures en classe.",
        Consent = true,
        Children = BandIds.Select(id => new ApplicationForm.ChildrenEntry { AgeBandId = id, Count = id == 2 ? "40" : "0" }).ToList(),
    };

    [Theory]
    [InlineData("01 23 45 67 89", "01 23 45 67 89")]
    [InlineData("0123456789", "01 23 45 67 89")]
    [InlineData("+33 6 12 34 56 78", "06 12 34 56 78")]
    [InlineData("0033612345678", "06 12 34 56 78")]
    [InlineData("06-12-34-56-78", "06 12 34 56 78")]
    [InlineData("0012345678", null)]
    [InlineData("01 23 45 67", null)]
    [InlineData("+44 20 7946 0958", null)]
    [InlineData("téléphone", null)]
    public void French_phone_numbers_are_recognised_and_written_the_french_way(string input, string? expected) =>
        Assert.Equal(expected, ApplicationRules.NormalizePhone(input));

    [Theory]
    [InlineData("prenom.nom@ville.fr", true)]
    [InlineData("o'brien+candidature@ville-test.fr", true)]
    [InlineData("pas-une-adresse", false)]
    [InlineData("nom@ville", false)]
    [InlineData("\"<script>\"@ville.fr", false)]
    [InlineData("nom @ville.fr", false)]
    public void Email_addresses_follow_the_html_standard(string input, bool valid) =>
        Assert.Equal(valid, ApplicationRules.IsEmail(input));

    [Theory]
    [InlineData("62300", true)]
    [InlineData("6230", false)]
    [InlineData("62 300", false)]
    [InlineData("2A004", false)]
    public void Postcodes_have_five_digits(string input, bool valid) => Assert.Equal(valid, ApplicationRules.IsPostcode(input));

    [Theory]
    [InlineData("62498", "Pas-de-Calais", "Hauts-de-France")]
    [InlineData("2A004", "Corse-du-Sud", "Corse")]
    [InlineData("97411", "La Réunion", "La Réunion")]
    [InlineData("93010", "Seine-Saint-Denis", "Île-de-France")]
    public void Departement_and_region_come_from_the_insee_code(string insee, string departement, string region) =>
        Assert.Equal((departement, region), Departements.OfInseeCode(insee));

    [Fact]
    public void A_valid_form_has_no_error()
    {
        Assert.Empty(ApplicationRules.Validate(ValidForm(), BandIds));
    }

    [Fact]
    public void Counts_must_cover_every_band_and_one_must_be_above_zero()
    {
        var form = ValidForm();
        form.Children.RemoveAt(3);
        Assert.Contains(ApplicationRules.Validate(form, BandIds), e => e.Field == "Children");

        var zeros = ValidForm();
        zeros.Children.ForEach(c => c.Count = "0");
        Assert.Contains(ApplicationRules.Validate(zeros, BandIds), e => e.Field == "Children" && e.Message.Contains("supérieur à 0"));

        var unknownBand = ValidForm();
        unknownBand.Children[0].AgeBandId = 99;
        Assert.Contains(ApplicationRules.Validate(unknownBand, BandIds), e => e.Field == "Children[0].Count");

        var tooMany = ValidForm();
        tooMany.Children[0].Count = "100001";
        Assert.Contains(ApplicationRules.Validate(tooMany, BandIds), e => e.Field == "Children[0].Count");
    }

    [Fact]
    public void Coordinator_address_must_be_usable_as_an_account_name()
    {
        var form = ValidForm();
        form.CoordinatorEmail = "o'brien@ville.fr";
        Assert.Contains(ApplicationRules.Validate(form, BandIds), e => e.Field == "CoordinatorEmail");
    }

    [Fact]
    public void Submit_refuses_an_invalid_form_even_when_the_page_forgot_to_check()
    {
        var form = ValidForm();
        form.Consent = false;
        var e = Assert.Throws<DomainException>(() => TownApplication.Submit(form, BandIds, Now));
        Assert.Equal("Consent", e.Field);
    }

    [Fact]
    public void Submit_keeps_only_the_hash_of_the_status_token()
    {
        var (application, token) = TownApplication.Submit(ValidForm(), BandIds, Now);
        Assert.True(SecretToken.LooksValid(token));
        var link = Assert.Single(application.StatusLinks);
        Assert.Equal(SecretToken.Hash(token), link.TokenHash);
        Assert.Equal("Somme", application.Departement);
        Assert.Equal("Hauts-de-France", application.Region);
        Assert.Equal("03 22 97 40 00", application.Applicant.Phone);
        Assert.NotEqual(token, application.IssueStatusLink(Now));
    }

    [Fact]
    public void An_acceptance_needs_no_reason_a_waiting_list_does()
    {
        var (accepted, _) = TownApplication.Submit(ValidForm(), BandIds, Now);
        accepted.Accept(new Wave(3, "Vague 3"), new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false), "  ", "équipe", Now);
        Assert.Equal(ApplicationStatus.Accepted, accepted.Status);
        Assert.Null(accepted.DecisionReason);

        var (waiting, _) = TownApplication.Submit(ValidForm(), BandIds, Now);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => waiting.Waitlist(null, "équipe", Now)).Field);
        Assert.Equal(ApplicationStatus.Submitted, waiting.Status);
    }

    [Fact]
    public void Decisions_need_a_reason_and_a_final_decision_cannot_change()
    {
        var (application, _) = TownApplication.Submit(ValidForm(), BandIds, Now);
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => application.Decline(" ", "équipe", Now)).Field);
        application.Waitlist("Plus de place dans la vague 3.", "équipe", Now);
        Assert.Throws<DomainException>(() => application.Waitlist("Encore.", "équipe", Now));
        Assert.Throws<DomainException>(() => application.StartReview(Now));
        var wave = new Wave(3, "Vague 3");
        var town = new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false);
        application.Accept(wave, town, "Une place s'est libérée.", "équipe", Now);
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
        Assert.Throws<DomainException>(() => application.Decline("Changement d'avis.", "équipe", Now));
        Assert.Equal(ApplicationStatus.Accepted, application.Status);
    }

    [Fact]
    public void Invitation_is_usable_for_seven_days_and_once()
    {
        var town = new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false);
        var (invitation, token) = CoordinatorInvitation.Issue(town, Contact.Of("Karim", "karim@amiens.example.fr", null), null, Now, TimeSpan.FromDays(7));
        Assert.Equal(SecretToken.Hash(token), invitation.TokenHash);
        Assert.Null(invitation.ProblemAt(Now.AddDays(7).AddSeconds(-1)));
        Assert.Contains("expiré", invitation.ProblemAt(Now.AddDays(7)));
        Assert.Throws<DomainException>(() => invitation.MarkUsed("u1", Now.AddDays(8)));
        invitation.MarkUsed("u1", Now.AddDays(1));
        Assert.Contains("déjà servi", invitation.ProblemAt(Now.AddDays(2)));
        Assert.Throws<DomainException>(() => invitation.MarkUsed("u2", Now.AddDays(2)));
    }

    [Fact]
    public void Renewing_an_invitation_replaces_its_token_and_restarts_its_validity()
    {
        var town = new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false);
        var (invitation, first) = CoordinatorInvitation.Issue(town, Contact.Of("Karim", "karim@amiens.example.fr", null), null, Now, TimeSpan.FromDays(7));
        var second = invitation.Renew(Now.AddDays(10), TimeSpan.FromDays(7));
        Assert.NotEqual(SecretToken.Hash(first), invitation.TokenHash);
        Assert.Equal(SecretToken.Hash(second), invitation.TokenHash);
        Assert.Null(invitation.ProblemAt(Now.AddDays(16)));
        invitation.MarkUsed("u1", Now.AddDays(11));
        Assert.Throws<DomainException>(() => invitation.Renew(Now.AddDays(12), TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Invitation_needs_a_coordinator_address()
    {
        var town = new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false);
        Assert.Throws<DomainException>(() => CoordinatorInvitation.Issue(town, Contact.Of("Karim", null, null), null, Now, TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Town_expected_children_are_replaced_band_by_band()
    {
        var town = new Town("Amiens", "80021", "Somme", "Hauts-de-France", "", false);
        town.SetExpectedChildren(new Dictionary<int, int> { [1] = 10, [2] = 20 });
        town.SetExpectedChildren(new Dictionary<int, int> { [2] = 25, [3] = 30 });
        Assert.Equal(new[] { (2, 25), (3, 30) }, town.ExpectedChildren.OrderBy(c => c.AgeBandId).Select(c => (c.AgeBandId, c.Children)));
        Assert.Throws<DomainException>(() => town.SetExpectedChildren(new Dictionary<int, int> { [1] = -1 }));
    }
}
