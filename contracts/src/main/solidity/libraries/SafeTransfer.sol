// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice ERC-20 calls that accept the tokens that return nothing (USDT-style) and reject a call to an address
/// with no code, which would otherwise "succeed" silently. Written in assembly so that a call in a loop
/// neither allocates memory nor copies return data it does not need.
library SafeTransfer {
    error TransferFailed(address token);
    error BalanceQueryFailed(address token);

    function safeTransfer(address token, address to, uint256 amount) internal {
        if (!trySafeTransfer(token, to, amount)) revert TransferFailed(token);
    }

    /// @dev {safeTransfer} that reports failure instead of reverting, so the caller can say whose transfer failed.
    function trySafeTransfer(address token, address to, uint256 amount) internal returns (bool ok) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, shl(224, 0xa9059cbb)) // transfer(address,uint256)
            mstore(add(p, 4), to)
            mstore(add(p, 36), amount)
            ok := call(gas(), token, 0, p, 68, 0, 32)
            // Success: returned a word equal to 1, or returned nothing from an address that has code.
            ok := and(ok, or(and(eq(mload(0), 1), gt(returndatasize(), 31)),
                             and(iszero(returndatasize()), gt(extcodesize(token), 0))))
        }
    }

    function safeTransferFrom(address token, address from, address to, uint256 amount) internal {
        bool ok;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, shl(224, 0x23b872dd)) // transferFrom(address,address,uint256)
            mstore(add(p, 4), from)
            mstore(add(p, 36), to)
            mstore(add(p, 68), amount)
            ok := call(gas(), token, 0, p, 100, 0, 32)
            ok := and(ok, or(and(eq(mload(0), 1), gt(returndatasize(), 31)),
                             and(iszero(returndatasize()), gt(extcodesize(token), 0))))
        }
        if (!ok) revert TransferFailed(token);
    }

    /// @dev A static call: a token cannot change state while it is asked for a balance.
    function balanceOfThis(address token) internal view returns (uint256 amount) {
        return balanceOf(token, address(this));
    }

    function balanceOf(address token, address account) internal view returns (uint256 amount) {
        bool ok;
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, shl(224, 0x70a08231)) // balanceOf(address)
            mstore(add(p, 4), account)
            ok := and(gt(returndatasize(), 31), staticcall(gas(), token, p, 36, 0, 32))
            amount := mload(0)
        }
        if (!ok) revert BalanceQueryFailed(token);
    }
}
