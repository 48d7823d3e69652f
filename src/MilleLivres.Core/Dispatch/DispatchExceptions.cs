using MilleLivres.Core.Domain;

namespace MilleLivres.Core.Dispatch;

/// <summary>The wave or town is not in a state that allows dispatch (slips not ready, wave not packed).</summary>
public sealed class DispatchNotReadyException(string message, string? field = null) : DomainException(message, field);

/// <summary>The town's cartons of this wave have already left.</summary>
public sealed class AlreadyDispatchedException(string message) : DomainException(message, "TownId");

/// <summary>A date that cannot be right (expected delivery before dispatch, dispatch far off).</summary>
public sealed class ImplausibleShipmentDateException(string message, string field) : DomainException(message, field);

/// <summary>The delivery has been confirmed as received: its shipment no longer changes.</summary>
public sealed class ShipmentAlreadyReceivedException(string message) : DomainException(message);
