// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {ERC20} from "../../main/solidity/dev/ERC20.sol";

/// @notice Test token that, once armed, calls back into a target (the settlement) from inside its next transfer,
/// and records how that call ended so a test can check the reentry was refused.
contract ReentrantToken is ERC20 {
    address public target;
    bytes public payload;
    bool public reentryAttempted;
    bool public reentrySucceeded;
    bytes public reentryRevertData;

    constructor() ERC20("Reentrant Token", "REENTER", 18) {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata payload_) external {
        target = target_;
        payload = payload_;
    }

    function _transfer(address from, address to, uint256 amount) internal override {
        super._transfer(from, to, amount);
        address t = target;
        if (t != address(0)) {
            target = address(0);
            reentryAttempted = true;
            (bool ok, bytes memory data) = t.call(payload);
            reentrySucceeded = ok;
            reentryRevertData = data;
        }
    }
}
