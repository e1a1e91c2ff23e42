// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {SafeTransfer} from "./libraries/SafeTransfer.sol";

/// @title Relayer: the contract traders approve.
/// @notice Kept apart from {Settlement} for the reason CoW keeps GPv2VaultRelayer apart from GPv2Settlement:
/// the settlement makes arbitrary calls on a solver's behalf (interactions), so it must hold no approval itself.
/// Only the settlement that created this relayer can make it move funds, and the settlement never lets an
/// interaction call the relayer.
contract Relayer {
    using SafeTransfer for address;

    /// @notice The only caller allowed: the settlement that deployed this relayer.
    address public immutable settlement;

    error OnlySettlement();

    constructor() {
        settlement = msg.sender;
    }

    /// @notice Moves `amount` of `token` from `from` (a trader who approved this relayer) to the settlement.
    function transferIn(address token, address from, uint256 amount) external {
        if (msg.sender != settlement) revert OnlySettlement();
        token.safeTransferFrom(from, msg.sender, amount);
    }
}
