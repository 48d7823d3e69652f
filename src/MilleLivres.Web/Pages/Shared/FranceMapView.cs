using MilleLivres.Core.Reporting;

namespace MilleLivres.Web.Pages;

/// <summary>What the map partial draws: the shapes, the départements served, and a prefix for its element ids.</summary>
public sealed record FranceMapView(FranceMap Map, IReadOnlyList<ServedDepartement> Served, string Id);
