using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using MilleLivres.Core.Applications;
using MilleLivres.Core.Domain;
using MilleLivres.Core.Reporting;
using MilleLivres.Core.Waves;
using MilleLivres.Core.Work;
using MilleLivres.Tests.Infrastructure;
using MilleLivres.Web.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MilleLivres.Tests.Reporting;

/// <summary>The staff home's map is its own resource, linked with the hash of its bytes (ADR 0826).</summary>
public static class MapPicture
{
    /// <summary>
    /// The map a page links in its figure (an img with a text alternative), fetched as a browser would: an SVG kept for
    /// a year under that URL. Returns the SVG's root element.
    /// </summary>
    public static async Task<IElement> FollowAsync(HttpClient client, IHtmlDocument page, string figureId)
    {
        var img = page.QuerySelector($"figure#{figureId} img")!;
        Assert.StartsWith("Carte de France par département", img.GetAttribute("alt"));
        var url = img.GetAttribute("src")!;
        Assert.StartsWith(ServedMap.Path + "?v=", url);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(CarteModel.Immutable, response.Headers.CacheControl!.ToString());
        return await ParseAsync(response);
    }

    public static async Task<IElement> ParseAsync(HttpResponseMessage response)
    {
        var document = await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return document.QuerySelector("svg")!;
    }
}

public sealed class ServedMapTests
{
    [Fact]
    public async Task The_map_resource_gets_a_new_url_with_the_town_when_a_town_is_served_and_an_old_url_is_not_kept()
    {
        using var factory = new AppFactory();
        await factory.SeededAsync();
        var staff = await factory.SignedInClientAsync(Http.StaffEmail);
        var before = await staff.GetDocumentAsync("/Staff");
        var oldUrl = before.QuerySelector("figure#carte-staff img")!.GetAttribute("src")!;
        var oldMap = await MapPicture.FollowAsync(staff, before, "carte-staff");
        // The picture and the table say the same.
        Assert.Equal(
            before.QuerySelectorAll("table#carte-staff-table tbody tr[data-code]").Select(r => r.GetAttribute("data-code")!).Order(StringComparer.Ordinal),
            oldMap.QuerySelectorAll(".dep-served[data-code]").Select(p => p.GetAttribute("data-code")!).Distinct().Order(StringComparer.Ordinal));
        // Unchanged data, same URL: browsers keep the picture.
        Assert.Equal(oldUrl, (await staff.GetDocumentAsync("/Staff")).QuerySelector("figure#carte-staff img")!.GetAttribute("src"));

        var (waveId, town) = await factory.WithDbAsync(async db =>
        {
            var wave = await db.Waves.AsNoTracking().Where(w => w.Status == WaveStatus.Planning).Select(w => w.Id).FirstAsync();
            var town = await db.Towns.AsNoTracking().Where(t => !db.WaveTowns.Any(x => x.TownId == t.Id)).OrderBy(t => t.Id)
                .Select(t => new { t.Id, t.Name, t.InseeCode }).FirstAsync();
            return (wave, town);
        });
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WaveTowns>().AddAsync(waveId, town.Id);
        }

        var after = await staff.GetDocumentAsync("/Staff");
        var newUrl = after.QuerySelector("figure#carte-staff img")!.GetAttribute("src")!;
        Assert.NotEqual(oldUrl, newUrl);
        var newMap = await MapPicture.FollowAsync(staff, after, "carte-staff");
        var code = DepartementCodes.CodeOf(town.InseeCode);
        var served = newMap.QuerySelector($"[data-code='{code}'] title")!;
        Assert.Contains(town.Name, served.TextContent);
        Assert.Contains("dep-served", newMap.QuerySelector($".dep[data-code='{code}']")!.GetAttribute("class"));
        Assert.Contains(town.Name, after.QuerySelector($"table#carte-staff-table tr[data-code='{code}']")!.TextContent);

        // The old URL answers the current picture and must be checked again; the current one, checked, is a 304.
        var stale = await staff.GetAsync(oldUrl);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Equal("no-cache", stale.Headers.CacheControl!.ToString());
        Assert.Contains(town.Name, (await MapPicture.ParseAsync(stale)).QuerySelector($"[data-code='{code}'] title")!.TextContent);
        var current = await staff.GetAsync(newUrl);
        using var check = new HttpRequestMessage(HttpMethod.Get, newUrl);
        check.Headers.IfNoneMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await staff.SendAsync(check)).StatusCode);

        // Public like the public figures page that shows the same aggregate.
        var visitor = await factory.CreateClient().GetAsync(newUrl);
        Assert.Equal(HttpStatusCode.OK, visitor.StatusCode);
        Assert.Equal(await current.Content.ReadAsByteArrayAsync(), await visitor.Content.ReadAsByteArrayAsync());
    }
}
