using MilleLivres.Core.Reporting;

namespace MilleLivres.Web.Pages;

/// <summary>
/// What the map partial draws: the shapes, the départements served, and a prefix for its element ids. With a picture
/// (ADR 0826) the map is an img of its own versioned resource instead of inline SVG; the caption and the table stay.
/// </summary>
public sealed record FranceMapView(FranceMap Map, IReadOnlyList<ServedDepartement> Served, string Id, ServedMap.Picture? Picture = null);
