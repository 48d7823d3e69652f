using MilleLivres.Core.Domain;
using MilleLivres.Core.PersonalData;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Tests.Packing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.PersonalData;

/// <summary>
/// The wave page is kept in memory under the audit state (ADRs 0528, 0529). Erasing a person renames them in the audit
/// trail by a bulk update; the erasure's own audited record must move the state, so no page kept in memory still shows
/// the name.
/// </summary>
public sealed class ErasureOfCachedPagesTests
{
    private const string Email = "gaspard.efface@biblionef.example.fr";
    private const string Name = "Gaspard Effacé";

    [Fact]
    public async Task An_erased_staff_members_name_leaves_the_wave_page_history_kept_in_memory_at_the_next_request()
    {
        using var factory = new PrivacyFactory();
        await factory.SeededAsync();
        var (waveId, _) = await AllocatedWave.CreateAsync(factory, 61, new Dictionary<string, int> { ["Grigny"] = 2 });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = Email, Email = Email, EmailConfirmed = true, DisplayName = Name };
            Assert.True((await users.CreateAsync(user, Http.DemoPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Staff)).Succeeded);
        }

        // The second staff member changes the wave: their name is in its history.
        var gaspard = await factory.SignedInClientAsync(Email);
        var edited = await gaspard.SubmitFormAsync($"/Staff/Waves/Edit/{waveId}", new Dictionary<string, string> { ["Input.Notes"] = "Livraison par l'entrée du gymnase." });
        Assert.True(edited.IsSuccessStatusCode || (int)edited.StatusCode is >= 300 and < 400, $"The wave form answered {(int)edited.StatusCode}.");
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var url = $"/Staff/Waves/Details/{waveId}";
        var before = await staff.GetDocumentAsync(url);
        static bool Names(string text) =>
            text.Contains(Email, StringComparison.OrdinalIgnoreCase) || text.Contains(Name, StringComparison.OrdinalIgnoreCase);
        Assert.True(Names(before.QuerySelector("main")!.TextContent), "The wave's history names the staff member who changed it.");
        // Asked twice: the second answer comes from memory.
        Assert.True(Names((await staff.GetDocumentAsync(url)).QuerySelector("main")!.TextContent));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PersonalDataRequests>().EraseAsync(Email, "Demande de la personne");
        }

        var after = (await staff.GetDocumentAsync(url)).QuerySelector("main")!.TextContent;
        Assert.False(Names(after), "The erased person is still named on the wave page.");
        Assert.Contains(Anonymised.AccountName, after, StringComparison.Ordinal);
    }
}
