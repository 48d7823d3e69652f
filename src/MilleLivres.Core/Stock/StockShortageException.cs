using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Stock;

/// <summary>
/// The ledger refused a movement because a counter would go below zero (not enough available, reserved or on hand).
/// </summary>
public sealed class StockShortageException(string message, string? field = "Quantity") : DomainException(message, field);
