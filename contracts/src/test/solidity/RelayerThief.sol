// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @notice Test contract an interaction calls to try to make the relayer move a trader's tokens indirectly.
contract RelayerThief {
    function steal(address relayer, address token, address victim, uint256 amount) external {
        (bool ok, bytes memory reason) =
            relayer.call(abi.encodeWithSignature("transferIn(address,address,uint256)", token, victim, amount));
        if (!ok) {
            assembly {
                revert(add(reason, 0x20), mload(reason))
            }
        }
    }
}
